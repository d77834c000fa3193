import type { Draw } from '../../bot/model.js';
import type { NewDrawRepair, Store } from '../../bot/ports.js';
import type { Sql } from './connection.js';
import { insertDrawRows } from './draws.js';
import { toDraw } from './rows.js';

type DrawRepairMethods = Pick<Store, 'recordRepair'>;

/** Error code of a pending reveal dropped because its giver left the exchange. */
export const PARTICIPANT_LEFT = 'PARTICIPANT_LEFT';
/** Error code of a pending reveal dropped because a repair gave its giver a new recipient. */
export const DRAW_REPAIRED = 'DRAW_REPAIRED';

/** Builds `recordRepair` of the SQLite store over a statement cache. */
export function drawRepairMethods(sql: Sql): DrawRepairMethods {
  const record = sql.db.transaction((repair: NewDrawRepair, now: number): Draw | null => {
    // Compare-and-set on the latest draw: of two repairs of the same draw only the first is stored.
    const exchange = sql.prepare('SELECT status FROM exchanges WHERE id = ?').get(repair.exchangeId) as
      { status: string } | undefined;
    const latest = sql
      .prepare('SELECT id FROM draws WHERE exchange_id = ? ORDER BY id DESC LIMIT 1')
      .get(repair.exchangeId) as { id: number } | undefined;
    if (exchange?.status !== 'drawn' || latest?.id !== repair.replacesDrawId) return null;

    const before = sql
      .prepare('SELECT giver_id, recipient_id FROM assignments WHERE draw_id = ?')
      .all(repair.replacesDrawId) as { giver_id: number; recipient_id: number }[];

    // Later exchanges avoid the pairs whose gifts are really given, so the old draw's pairs go.
    sql.prepare('DELETE FROM pair_history WHERE exchange_id = ?').run(repair.exchangeId);
    const row = insertDrawRows(sql, repair, { drawId: repair.replacesDrawId, reason: repair.reason }, now);

    // A pending reveal of the old draw would name the old recipient, so it is dropped. An unchanged
    // giver's deliveries all follow them to the new draw, so that status and `who` read one draw. A
    // changed giver keeps their history with the old draw, except a delivery being sent right now,
    // which names the new recipient if it has to be retried.
    const after = new Map(repair.assignments.map((pair) => [pair.giverId, pair.recipientId]));
    const move = sql.prepare(
      `UPDATE deliveries SET draw_id = ?, updated_at = ?
       WHERE draw_id = ? AND participant_id = ? AND (? OR status = 'sending')`,
    );
    const drop = sql.prepare(
      `UPDATE deliveries SET status = 'failed', last_error_code = ?, updated_at = ?
       WHERE draw_id = ? AND participant_id = ? AND purpose = 'reveal' AND status = 'pending'`,
    );
    for (const { giver_id: giverId, recipient_id: recipientId } of before) {
      const unchanged = after.get(giverId) === recipientId;
      if (after.has(giverId)) move.run(row.id, now, repair.replacesDrawId, giverId, unchanged ? 1 : 0);
      if (!unchanged) {
        const code = after.has(giverId) ? DRAW_REPAIRED : PARTICIPANT_LEFT;
        drop.run(code, now, repair.replacesDrawId, giverId);
      }
    }

    sql.prepare('UPDATE exchanges SET updated_at = ? WHERE id = ?').run(now, repair.exchangeId);
    return toDraw(row);
  });

  return {
    recordRepair(repair, now) {
      return record(repair, now);
    },
  };
}
