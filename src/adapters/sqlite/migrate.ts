import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { StoreError } from '../../bot/errors.js';
import type { Logger } from '../../bot/ports.js';
import type { Db } from './connection.js';

/** One schema step, read from a file named `NNN_description.sql`. */
export interface Migration {
  version: number;
  file: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d+)_[\w.-]+\.sql$/u;

/**
 * Returns the `migrations` folder of the santa package: the first folder above `fromUrl` that contains both
 * a package.json and a migrations folder. This finds the same folder from `src/` under tsx and from
 * `dist/src/` after `tsc`, and inside an installed package.
 */
export function findMigrationsDir(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));

  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate) && statSync(candidate).isDirectory()) {
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }

  throw new StoreError(
    'MIGRATIONS_NOT_FOUND',
    `No migrations folder found above ${fileURLToPath(fromUrl)}; reinstall santa or pass migrationsDir.`,
    fromUrl,
  );
}

/**
 * Reads the migrations of a folder in version order. Versions must run 1, 2, 3... without a gap or a
 * repeat, because `PRAGMA user_version` records only the last one applied.
 */
export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];

  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.sql')) continue;
    const match = MIGRATION_FILE.exec(file);
    if (match === null) {
      throw new StoreError(
        'MIGRATION_NAME_INVALID',
        `Migration file "${file}" in ${dir} is not named NNN_description.sql; rename it.`,
        file,
      );
    }
    migrations.push({ version: Number(match[1]), file, sql: readFileSync(join(dir, file), 'utf8') });
  }

  migrations.sort((a, b) => a.version - b.version);

  if (migrations.length === 0) {
    throw new StoreError(
      'MIGRATIONS_NOT_FOUND',
      `No NNN_description.sql files in ${dir}; reinstall santa.`,
      dir,
    );
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      const files = migrations.map((m) => m.file).join(', ');
      throw new StoreError(
        'MIGRATION_NUMBERING_INVALID',
        `Migration "${migration.file}" should be number ${index + 1}: versions in ${dir} must run 1, 2, 3... ` +
          `with no gap or repeat (found ${files}).`,
        migration.file,
      );
    }
  });

  return migrations;
}

/** Returns the schema version recorded in the database (0 for a new database). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws StoreError `DATABASE_TOO_NEW` when a newer santa has migrated this database. Reads only, so
 * the refused database is left as it was.
 */
export function assertNotTooNew(db: Db, migrations: readonly Migration[], path: string): void {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new StoreError(
      'DATABASE_TOO_NEW',
      `Database ${path} has schema version ${current}, but this santa knows versions up to ${newest}; ` +
        'upgrade santa to open it. The database was not changed.',
      { path, version: current, newest },
    );
  }
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction
 * together with the new `user_version`, so that a failed step leaves the previous version intact.
 * Returns how many were applied.
 */
export function applyMigrations(db: Db, migrations: readonly Migration[], logger: Logger): number {
  const current = schemaVersion(db);
  const pending = migrations.filter((migration) => migration.version > current);

  for (const migration of pending) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters, so the version (an integer parsed from the file name) is inlined.
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      logger.error({ err: error, migration: migration.file }, 'database migration failed');
      throw new StoreError(
        'MIGRATION_FAILED',
        `Migration "${migration.file}" failed and was rolled back: ${(error as Error).message}`,
        migration.file,
        { cause: error },
      );
    }
    logger.info({ migration: migration.file, version: migration.version }, 'applied database migration');
  }

  return pending.length;
}
