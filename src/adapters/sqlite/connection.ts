import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Statements prepared once per connection and reused, keyed by their SQL text. */
export interface Sql {
  readonly db: Db;
  prepare(sql: string): Database.Statement;
}

/**
 * Opens a connection and sets the per-connection PRAGMAs that write nothing to the file, so that a
 * database can still be inspected (and refused) unchanged before `enableWal` runs.
 */
export function openConnection(path: string): Db {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  // Waits for another process's write lock instead of failing at once with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Switches a file database to write-ahead logging, which lets readers run beside the writer, and
 * relaxes fsync to commit time only, which WAL makes safe against corruption. In-memory databases keep
 * their own journal mode.
 */
export function enableWal(db: Db): void {
  if (!db.memory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** Wraps a connection with a cache of prepared statements. */
export function statementCache(db: Db): Sql {
  const statements = new Map<string, Database.Statement>();

  return {
    db,
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
