import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

import { openStore } from '../../../src/adapters/sqlite/index.js';
import { findMigrationsDir, loadMigrations } from '../../../src/adapters/sqlite/migrate.js';
import { StoreError } from '../../../src/bot/errors.js';
import type { Logger } from '../../../src/bot/ports.js';
import { silentLogger } from '../../../src/logger.js';

const REPO_MIGRATIONS = join(import.meta.dirname, '../../../migrations');
const NEWEST = loadMigrations(REPO_MIGRATIONS).at(-1)!.version;

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'santa-migrate-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A logger that keeps every line it writes, parsed. */
function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A folder holding the given migration files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function inspect<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function storeError(work: () => unknown): StoreError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, but nothing was thrown');
}

describe('migrations', () => {
  it('fresh database gets every table', () => {
    const path = join(tempDir(), 'santa.db');
    const { logger, lines } = recordingLogger();

    openStore(path, { logger }).close();

    const tables = inspect(path, (db) =>
      (
        db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    expect(tables).toEqual([
      'assignments',
      'deliveries',
      'draws',
      'exchanges',
      'exclusions',
      'pair_history',
      'participants',
    ]);
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(NEWEST);
    expect(lines.filter((line) => line.msg === 'applied database migration')).toEqual([
      expect.objectContaining({ level: 30, migration: '001_initial.sql', version: 1 }),
      expect.objectContaining({ level: 30, migration: '002_draw_repairs.sql', version: 2 }),
    ]);
  });

  it('re-open is idempotent', () => {
    const path = join(tempDir(), 'santa.db');
    openStore(path, { logger: silentLogger() }).close();
    const { logger, lines } = recordingLogger();

    const store = openStore(path, { logger });
    store.close();

    expect(lines.filter((line) => line.msg === 'applied database migration')).toEqual([]);
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(NEWEST);
  });

  it('applies only the newer migrations', () => {
    const path = join(tempDir(), 'santa.db');
    const first = { '001_initial.sql': readFileSync(join(REPO_MIGRATIONS, '001_initial.sql'), 'utf8') };
    openStore(path, { logger: silentLogger(), migrationsDir: migrationsDir(first) }).close();
    const { logger, lines } = recordingLogger();

    const dir = migrationsDir({
      ...first,
      '002_gift_notes.sql': 'ALTER TABLE participants ADD COLUMN gift_note TEXT;',
    });
    openStore(path, { logger, migrationsDir: dir }).close();

    expect(
      lines.filter((line) => line.msg === 'applied database migration').map((line) => line.migration),
    ).toEqual(['002_gift_notes.sql']);
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(2);
  });

  it('journal mode is WAL for a file', () => {
    const path = join(tempDir(), 'santa.db');

    openStore(path, { logger: silentLogger() }).close();

    expect(inspect(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it.each([
    ['rollback journal', 'delete'],
    ['write-ahead log', 'wal'],
  ])('too-new database refused and unchanged (%s)', (_label, journalMode) => {
    const path = join(tempDir(), 'santa.db');
    const newer = new Database(path);
    newer.pragma(`journal_mode = ${journalMode}`);
    newer.exec('CREATE TABLE future (id INTEGER PRIMARY KEY)');
    newer.pragma(`user_version = ${NEWEST + 5}`);
    newer.close();
    const before = readFileSync(path);

    const error = storeError(() => openStore(path, { logger: silentLogger() }));

    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toContain(`schema version ${NEWEST + 5}`);
    expect(error.message).toContain(`versions up to ${NEWEST}`);
    expect(error.message).toContain('upgrade santa');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('file that is no database refused and unchanged', () => {
    const path = join(tempDir(), 'people.csv');
    writeFileSync(path, 'name,email\nAnn,ann@example.test\n'.repeat(20));
    const before = readFileSync(path);

    const error = storeError(() => openStore(path, { logger: silentLogger() }));

    expect(error.code).toBe('DATABASE_OPEN_FAILED');
    expect(error.value).toBe(path);
    expect(error.message).toContain('file is not a database');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('missing folder created', () => {
    const path = join(tempDir(), 'no-such-folder', 'santa.db');

    openStore(path, { logger: silentLogger() }).close();

    expect(existsSync(path)).toBe(true);
  });

  it('folder under a file refused', () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'santa.db');

    const error = storeError(() => openStore(path, { logger: silentLogger() }));

    expect(error.code).toBe('DATABASE_OPEN_FAILED');
    expect(error.value).toBe(path);
    expect(error.message).toContain('EEXIST');
  });

  it('failed migration rolls back to the previous version', () => {
    const path = join(tempDir(), 'santa.db');
    const dir = migrationsDir({
      '001_first.sql': 'CREATE TABLE kept (id INTEGER PRIMARY KEY);',
      '002_broken.sql': 'CREATE TABLE half (id INTEGER PRIMARY KEY); INSERT INTO missing VALUES (1);',
    });

    const error = storeError(() => openStore(path, { logger: silentLogger(), migrationsDir: dir }));

    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.value).toBe('002_broken.sql');
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(1);
    expect(
      inspect(path, (db) =>
        db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all(),
      ),
    ).toEqual([{ name: 'kept' }]);
  });

  it.each([
    ['a gap', { '001_a.sql': '', '003_c.sql': '' }, 'MIGRATION_NUMBERING_INVALID', '003_c.sql'],
    ['a duplicate', { '001_a.sql': '', '001_b.sql': '' }, 'MIGRATION_NUMBERING_INVALID', '001_b.sql'],
    ['no first', { '002_b.sql': '' }, 'MIGRATION_NUMBERING_INVALID', '002_b.sql'],
    ['a bad name', { '001_a.sql': '', 'cleanup.sql': '' }, 'MIGRATION_NAME_INVALID', 'cleanup.sql'],
    ['no migrations', { 'README.md': 'notes' }, 'MIGRATIONS_NOT_FOUND', undefined],
  ])('loadMigrations rejects %s', (_label, files, code, file) => {
    const dir = migrationsDir(files);

    const error = storeError(() => loadMigrations(dir));

    expect(error.code).toBe(code);
    if (file !== undefined) expect(error.value).toBe(file);
  });

  it('loadMigrations orders by number', () => {
    const dir = migrationsDir({ '010_j.sql': '', '002_b.sql': '', '001_a.sql': '', ...numbered(3, 9) });

    expect(loadMigrations(dir).map((migration) => migration.version)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });
});

/** Empty migration files numbered `from` to `to`. */
function numbered(from: number, to: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let version = from; version <= to; version++)
    files[`${String(version).padStart(3, '0')}_step.sql`] = '';
  return files;
}

describe('findMigrationsDir', () => {
  it('finds the repository folder from src', () => {
    expect(findMigrationsDir()).toBe(REPO_MIGRATIONS);
  });

  it('finds the package folder from dist/src', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'migrations'));
    mkdirSync(join(root, 'dist/src/adapters/sqlite'), { recursive: true });
    // A stray dist/migrations folder has no package.json beside it, so the search passes it.
    mkdirSync(join(root, 'dist/migrations'));
    const compiled = join(root, 'dist/src/adapters/sqlite/migrate.js');
    copyFileSync(join(REPO_MIGRATIONS, '001_initial.sql'), join(root, 'migrations/001_initial.sql'));

    expect(findMigrationsDir(pathToFileURL(compiled).href)).toBe(join(root, 'migrations'));
  });

  it('skips a folder with migrations but no package.json', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'migrations'));
    mkdirSync(join(root, 'lib/migrations'), { recursive: true });

    expect(findMigrationsDir(pathToFileURL(join(root, 'lib/index.js')).href)).toBe(join(root, 'migrations'));
  });

  it('throws when no package folder is found', () => {
    const root = tempDir();

    expect(storeError(() => findMigrationsDir(pathToFileURL(join(root, 'index.js')).href)).code).toBe(
      'MIGRATIONS_NOT_FOUND',
    );
  });
});
