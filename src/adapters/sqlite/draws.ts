import { StoreError } from '../../bot/errors.js';
import type { Draw, PastPairing } from '../../bot/model.js';
import type { DrawRepairReason, NewDraw, Store } from '../../bot/ports.js';
import { toConstraintError } from './constraint-errors.js';
import type { Sql } from './connection.js';
import { insertDeliveries } from './deliveries.js';
import { personKey, toAssignment, toDraw, type AssignmentRow, type DrawRow } from './rows.js';

type DrawMethods = Pick<
  Store,
  | 'recordDraw'
  | 'getDraw'
  | 'getLatestDraw'
  | 'listAssignments'
  | 'getAssignmentForGiver'
  | 'listPastPairings'
>;

interface MemberRow {
  id: number;
  platform_user_id: string | null;
  name_key: string;
}

/**
 * Past exchanges count for the avoid-repeats rule once drawn, and still after they are closed. Cancelled
 * exchanges do not count, because their gifts were never given. An exchange with several draws counts
 * with its latest one.
 */
const PAST_PAIRINGS_SQL = `
  WITH latest AS (
    SELECT MAX(d.id) AS draw_id
    FROM draws d JOIN exchanges e ON e.id = d.exchange_id
    WHERE e.status IN ('drawn', 'closed') AND e.id IS NOT @except
      AND EXISTS (SELECT 1 FROM pair_history p WHERE p.draw_id = d.id AND p.group_key = @groupKey)
    GROUP BY d.exchange_id
  ),
  chosen AS (
    SELECT d.id, d.created_at FROM latest l JOIN draws d ON d.id = l.draw_id
    ORDER BY d.created_at DESC, d.id DESC LIMIT @limit
  )
  SELECT p.exchange_id, e.name AS exchange_name, c.created_at AS drawn_at, p.giver_key, p.recipient_key
  FROM chosen c
  JOIN pair_history p ON p.draw_id = c.id AND p.group_key = @groupKey
  JOIN exchanges e ON e.id = p.exchange_id
  ORDER BY c.created_at DESC, c.id DESC, p.id`;

/** The draw row's link to the draw it replaced; null for an exchange's first draw. */
export interface Replacement {
  drawId: number;
  reason: DrawRepairReason;
}

function membersOf(sql: Sql, exchangeId: number): Map<number, MemberRow> {
  const rows = sql
    .prepare('SELECT id, platform_user_id, name_key FROM participants WHERE exchange_id = ?')
    .all(exchangeId) as MemberRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

function requireMember(members: Map<number, MemberRow>, id: number, exchangeId: number): MemberRow {
  const member = members.get(id);
  if (member === undefined) {
    throw new StoreError(
      'PARTICIPANT_NOT_IN_EXCHANGE',
      `Participant ${id} is not part of exchange ${exchangeId}; the draw was not stored.`,
      id,
    );
  }
  return member;
}

/**
 * Inserts a draw row with its assignments, their pair history and its deliveries. Callers run it
 * inside a transaction after checking the exchange's state. A stranger or a recipient drawn twice
 * throws StoreError, which rolls the transaction back.
 */
export function insertDrawRows(
  sql: Sql,
  draw: NewDraw,
  replacement: Replacement | null,
  now: number,
): DrawRow {
  const { group_key: groupKey } = sql
    .prepare('SELECT group_key FROM exchanges WHERE id = ?')
    .get(draw.exchangeId) as { group_key: string };
  const members = membersOf(sql, draw.exchangeId);

  const row = sql
    .prepare(
      `INSERT INTO draws (exchange_id, method, relaxed_history, created_at, replaces_draw_id, reason)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      draw.exchangeId,
      draw.method,
      JSON.stringify(draw.relaxedHistory),
      now,
      replacement?.drawId ?? null,
      replacement?.reason ?? null,
    ) as DrawRow;

  const insertAssignment = sql.prepare(
    'INSERT INTO assignments (draw_id, giver_id, recipient_id) VALUES (?, ?, ?)',
  );
  const insertPair = sql.prepare(
    `INSERT INTO pair_history (group_key, exchange_id, draw_id, giver_key, recipient_key) VALUES (?, ?, ?, ?, ?)`,
  );
  for (const { giverId, recipientId } of draw.assignments) {
    const giver = requireMember(members, giverId, draw.exchangeId);
    const recipient = requireMember(members, recipientId, draw.exchangeId);
    try {
      insertAssignment.run(row.id, giverId, recipientId);
    } catch (error) {
      throw toConstraintError(
        error,
        `assign participant ${giverId} to a recipient in draw of exchange ${draw.exchangeId}`,
      );
    }
    insertPair.run(groupKey, draw.exchangeId, row.id, personKey(giver), personKey(recipient));
  }

  for (const delivery of draw.deliveries) requireMember(members, delivery.participantId, draw.exchangeId);
  insertDeliveries(sql, row.id, draw.deliveries, now);

  return row;
}

/** Builds the draw methods of the SQLite store over a statement cache. */
export function drawMethods(sql: Sql): DrawMethods {
  const record = sql.db.transaction((draw: NewDraw, now: number): Draw | null => {
    // Compare-and-set: of two concurrent draws only the first finds the exchange still open.
    const opened = sql
      .prepare(`UPDATE exchanges SET status = 'drawn', updated_at = ? WHERE id = ? AND status = 'open'`)
      .run(now, draw.exchangeId);
    if (opened.changes === 0) return null;

    return toDraw(insertDrawRows(sql, draw, null, now));
  });

  return {
    recordDraw(draw, now) {
      return record(draw, now);
    },

    getDraw(id) {
      const row = sql.prepare('SELECT * FROM draws WHERE id = ?').get(id) as DrawRow | undefined;
      return row === undefined ? null : toDraw(row);
    },

    getLatestDraw(exchangeId) {
      // By id, not by time: a repair stored by a process whose clock runs behind is still the latest.
      const row = sql
        .prepare('SELECT * FROM draws WHERE exchange_id = ? ORDER BY id DESC LIMIT 1')
        .get(exchangeId) as DrawRow | undefined;
      return row === undefined ? null : toDraw(row);
    },

    listAssignments(drawId) {
      const rows = sql
        .prepare('SELECT * FROM assignments WHERE draw_id = ? ORDER BY giver_id')
        .all(drawId) as AssignmentRow[];
      return rows.map(toAssignment);
    },

    getAssignmentForGiver(drawId, giverId) {
      const row = sql
        .prepare('SELECT * FROM assignments WHERE draw_id = ? AND giver_id = ?')
        .get(drawId, giverId) as AssignmentRow | undefined;
      return row === undefined ? null : toAssignment(row);
    },

    listPastPairings(groupKey, limit, exceptExchangeId) {
      if (limit <= 0) return [];
      const rows = sql
        .prepare(PAST_PAIRINGS_SQL)
        .all({ groupKey, limit, except: exceptExchangeId ?? null }) as {
        exchange_id: number;
        exchange_name: string;
        drawn_at: number;
        giver_key: string;
        recipient_key: string;
      }[];
      return rows.map((row): PastPairing => ({
        exchangeId: row.exchange_id,
        exchangeName: row.exchange_name,
        drawnAt: row.drawn_at,
        giverKey: row.giver_key,
        recipientKey: row.recipient_key,
      }));
    },
  };
}
