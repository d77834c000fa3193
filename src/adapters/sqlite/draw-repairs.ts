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
    const after = new Map(repair.assignments.map((pair) => [pair.giverId, pair.recipientId]));
    const unchanged = new Set(
      before.filter((pair) => after.get(pair.giver_id) === pair.recipient_id).map((pair) => pair.giver_id),
    );

    // An unchanged giver whose reveal is still to be sent keeps it, because it names the same
    // recipient, and gets no second one.
    const open = sql
      .prepare(
        `SELECT DISTINCT participant_id FROM deliveries
         WHERE draw_id = ? AND purpose = 'reveal' AND status IN ('pending', 'sending')`,
      )
      .all(repair.replacesDrawId) as { participant_id: number }[];
    const keepsReveal = new Set(
      open.map((row) => row.participant_id).filter((giverId) => unchanged.has(giverId)),
    );
    const deliveries = repair.deliveries.filter(
      (delivery) => delivery.purpose !== 'reveal' || !keepsReveal.has(delivery.participantId),
    );

    // Later exchanges avoid the pairs whose gifts are really given, so the old draw's pairs go.
    sql.prepare('DELETE FROM pair_history WHERE exchange_id = ?').run(repair.exchangeId);
    const row = insertDrawRows(
      sql,
      { ...repair, deliveries },
      { drawId: repair.replacesDrawId, reason: repair.reason },
      now,
    );

    // Only reveals still to be sent move to the new draw, so that it contains this repair's messages
    // alone, alike for every giver. A pending reveal naming an old recipient is dropped.
    // NOTE: a changed giver's reveal being sent also moves, so they may get it and the new one.
    const move = sql.prepare(
      `UPDATE deliveries SET draw_id = ?, updated_at = ?
       WHERE draw_id = ? AND participant_id = ? AND purpose = 'reveal'
         AND (status = 'sending' OR (? AND status = 'pending'))`,
    );
    const drop = sql.prepare(
      `UPDATE deliveries SET status = 'failed', last_error_code = ?, updated_at = ?
       WHERE draw_id = ? AND participant_id = ? AND purpose = 'reveal' AND status = 'pending'`,
    );
    for (const { giver_id: giverId } of before) {
      const stays = after.has(giverId);
      if (stays) move.run(row.id, now, repair.replacesDrawId, giverId, unchanged.has(giverId) ? 1 : 0);
      if (!unchanged.has(giverId)) {
        drop.run(stays ? DRAW_REPAIRED : PARTICIPANT_LEFT, now, repair.replacesDrawId, giverId);
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
