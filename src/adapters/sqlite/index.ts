import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { StoreError } from '../../bot/errors.js';
import type { Logger, Store } from '../../bot/ports.js';
import { enableWal, openConnection, statementCache, type Db } from './connection.js';
import { deliveryMethods } from './deliveries.js';
import { drawRepairMethods } from './draw-repairs.js';
import { drawMethods } from './draws.js';
import { exchangeMethods } from './exchanges.js';
import { exclusionMethods } from './exclusions.js';
import { applyMigrations, assertNotTooNew, findMigrationsDir, loadMigrations } from './migrate.js';
import { participantMethods } from './participants.js';

export interface OpenStoreOptions {
  logger: Logger;
  /** The folder of `NNN_*.sql` files. When omitted, the one next to the package.json of santa. */
  migrationsDir?: string;
}

/** Wraps an error of better-sqlite3 on opening, which names neither the path nor a remedy. */
function openFailed(path: string, cause: unknown): StoreError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StoreError(
    'DATABASE_OPEN_FAILED',
    `Cannot open database ${path} (${reason}). Check that SANTA_DB names a santa database, or a new file ` +
      'in a folder that santa may write to.',
    path,
    { cause },
  );
}

function openDatabase(path: string): Db {
  try {
    // A new database may live in a new folder, as the outbox does (SANTA_DB=data/santa.db).
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    return openConnection(path);
  } catch (error) {
    throw openFailed(path, error);
  }
}

/**
 * Opens (or creates) the SQLite database at `path`, brings its schema up to date and returns the Store.
 * `:memory:` gives a private in-memory database, for tests. A database migrated by a newer santa is
 * refused with StoreError `DATABASE_TOO_NEW`, and a file that is not a database with
 * `DATABASE_OPEN_FAILED`. Neither file is changed.
 */
export function openStore(path: string, options: OpenStoreOptions): Store {
  const { logger } = options;
  const migrations = loadMigrations(options.migrationsDir ?? findMigrationsDir());
  const db = openDatabase(path);

  try {
    // The version check reads only, and runs before WAL mode, which rewrites the file header.
    assertNotTooNew(db, migrations, path);
    enableWal(db);
    applyMigrations(db, migrations, logger);
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : openFailed(path, error);
  }

  const sql = statementCache(db);
  logger.debug({ path, memory: db.memory }, 'opened store');

  return {
    transaction: (work) => db.transaction(work)(),
    ...exchangeMethods(sql),
    ...participantMethods(sql),
    ...exclusionMethods(sql),
    ...drawMethods(sql),
    ...drawRepairMethods(sql),
    ...deliveryMethods(sql),
    close() {
      db.close();
      logger.debug({ path }, 'closed store');
    },
  };
}

export { findMigrationsDir, loadMigrations } from './migrate.js';
