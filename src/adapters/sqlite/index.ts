import type { Logger, Store } from '../../bot/ports.js';
import { enableWal, openConnection, statementCache } from './connection.js';
import { deliveryMethods } from './deliveries.js';
import { drawMethods } from './draws.js';
import { exchangeMethods } from './exchanges.js';
import { exclusionMethods } from './exclusions.js';
import { applyMigrations, assertNotTooNew, findMigrationsDir, loadMigrations } from './migrate.js';
import { participantMethods } from './participants.js';

export interface OpenStoreOptions {
  logger: Logger;
  /** The folder of `NNN_*.sql` files; found next to the package.json of santa when omitted. */
  migrationsDir?: string;
}

/**
 * Opens (or creates) the SQLite database at `path`, brings its schema up to date and returns the Store.
 * `:memory:` gives a private in-memory database, for tests. A database migrated by a newer santa is
 * refused with StoreError `DATABASE_TOO_NEW` and left unchanged.
 */
export function openStore(path: string, options: OpenStoreOptions): Store {
  const { logger } = options;
  const migrations = loadMigrations(options.migrationsDir ?? findMigrationsDir());
  const db = openConnection(path);

  try {
    // The version check reads only, and runs before WAL mode, which rewrites the file header.
    assertNotTooNew(db, migrations, path);
    enableWal(db);
    applyMigrations(db, migrations, logger);
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = statementCache(db);
  logger.debug({ path, memory: db.memory }, 'opened store');

  return {
    transaction: (work) => db.transaction(work)(),
    ...exchangeMethods(sql),
    ...participantMethods(sql),
    ...exclusionMethods(sql),
    ...drawMethods(sql),
    ...deliveryMethods(sql),
    close() {
      db.close();
      logger.debug({ path }, 'closed store');
    },
  };
}

export { findMigrationsDir, loadMigrations } from './migrate.js';
