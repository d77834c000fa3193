import type { Exclusion } from '../../bot/model.js';
import type { Store } from '../../bot/ports.js';
import { toConstraintError } from './constraint-errors.js';
import type { Sql } from './connection.js';

type ExclusionMethods = Pick<Store, 'addExclusion' | 'removeExclusion' | 'listExclusions'>;

/** Builds the exclusion methods of the SQLite store over a statement cache. */
export function exclusionMethods(sql: Sql): ExclusionMethods {
  return {
    addExclusion(exclusion) {
      try {
        sql
          .prepare(
            `INSERT INTO exclusions (exchange_id, giver_id, recipient_id) VALUES (?, ?, ?)
             ON CONFLICT DO NOTHING`,
          )
          .run(exclusion.exchangeId, exclusion.giverId, exclusion.recipientId);
      } catch (error) {
        throw toConstraintError(
          error,
          `exclude participant ${exclusion.recipientId} for giver ${exclusion.giverId} in exchange ${exclusion.exchangeId}`,
        );
      }
    },

    removeExclusion(exclusion) {
      const result = sql
        .prepare('DELETE FROM exclusions WHERE exchange_id = ? AND giver_id = ? AND recipient_id = ?')
        .run(exclusion.exchangeId, exclusion.giverId, exclusion.recipientId);
      return result.changes > 0;
    },

    listExclusions(exchangeId) {
      const rows = sql
        .prepare(
          `SELECT exchange_id, giver_id, recipient_id FROM exclusions WHERE exchange_id = ?
           ORDER BY giver_id, recipient_id`,
        )
        .all(exchangeId) as { exchange_id: number; giver_id: number; recipient_id: number }[];
      return rows.map((row): Exclusion => ({
        exchangeId: row.exchange_id,
        giverId: row.giver_id,
        recipientId: row.recipient_id,
      }));
    },
  };
}
