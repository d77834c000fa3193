import Database from 'better-sqlite3';

import { StoreError } from '../../bot/errors.js';

/**
 * Converts a SQLite constraint failure into a StoreError with a stable code, and returns any other error
 * unchanged for the caller to throw. `action` names what was attempted, such as `add participant "Ann" to exchange 3`.
 */
export function toConstraintError(error: unknown, action: string): unknown {
  if (!(error instanceof Database.SqliteError)) return error;

  switch (error.code) {
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new StoreError(
        'REFERENCE_NOT_FOUND',
        `Cannot ${action}: it refers to an exchange, participant or draw that does not exist.`,
        action,
        { cause: error },
      );
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case 'SQLITE_CONSTRAINT_DATATYPE':
      return new StoreError('INVALID_VALUE', `Cannot ${action}: ${error.message}.`, action, { cause: error });
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return new StoreError('ALREADY_EXISTS', `Cannot ${action}: ${error.message}.`, action, {
        cause: error,
      });
    default:
      return error;
  }
}

/** Returns whether `error` is a unique-constraint failure on the given `table.column`. */
export function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(column)
  );
}
