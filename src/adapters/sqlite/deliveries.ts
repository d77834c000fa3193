import { StoreError } from '../../bot/errors.js';
import type { ChannelKind, Delivery } from '../../bot/model.js';
import type { NewDelivery, Store } from '../../bot/ports.js';
import { toConstraintError } from './constraint-errors.js';
import type { Sql } from './connection.js';
import { toDelivery, type DeliveryRow } from './rows.js';

type DeliveryMethods = Pick<
  Store,
  | 'enqueueDeliveries'
  | 'claimDueDeliveries'
  | 'markDeliverySent'
  | 'markDeliveryRetry'
  | 'markDeliveryFailed'
  | 'recoverInterruptedDeliveries'
  | 'listDeliveries'
  | 'getDelivery'
  | 'nextDueAt'
>;

/** Matches every channel when the bound JSON list is null, else only the channels it lists (bound twice). */
const IN_CHANNELS = '(? IS NULL OR channel IN (SELECT value FROM json_each(?)))';

function channelList(channels: readonly ChannelKind[] | undefined): string | null {
  return channels === undefined ? null : JSON.stringify(channels);
}

/** Inserts pending deliveries of a draw, due at `now`. Callers run it inside a transaction. */
export function insertDeliveries(
  sql: Sql,
  drawId: number,
  deliveries: readonly NewDelivery[],
  now: number,
): Delivery[] {
  const insert = sql.prepare(
    `INSERT INTO deliveries (draw_id, participant_id, purpose, channel, fallback, status, attempts,
       next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
     RETURNING *`,
  );

  return deliveries.map((delivery) => {
    try {
      const row = insert.get(
        drawId,
        delivery.participantId,
        delivery.purpose,
        delivery.channel,
        JSON.stringify(delivery.fallback),
        now,
        now,
        now,
      ) as DeliveryRow;
      return toDelivery(row);
    } catch (error) {
      throw toConstraintError(
        error,
        `enqueue a ${delivery.channel} delivery for participant ${delivery.participantId} of draw ${drawId}`,
      );
    }
  });
}

/** Builds the delivery (outbox) methods of the SQLite store over a statement cache. */
export function deliveryMethods(sql: Sql): DeliveryMethods {
  const getDelivery = (id: number): Delivery | null => {
    const row = sql.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return row === undefined ? null : toDelivery(row);
  };

  /**
   * Runs an update that matches only a delivery in `sending`, and throws when it matched none, because
   * recording an outcome for an unclaimed delivery would overwrite the state that another step set.
   */
  const finishSending = (id: number, run: () => number): void => {
    if (run() === 1) return;
    const delivery = getDelivery(id);
    if (delivery === null) {
      throw new StoreError('DELIVERY_NOT_FOUND', `Delivery ${id} not found.`, id);
    }
    throw new StoreError(
      'DELIVERY_NOT_SENDING',
      `Delivery ${id} is ${delivery.status}, not sending; only a claimed delivery can be marked.`,
      id,
    );
  };

  const claim = sql.db.transaction((now: number, limit: number, kinds: string | null): Delivery[] => {
    const due = sql
      .prepare(
        `SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND ${IN_CHANNELS}
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now, kinds, kinds, limit) as { id: number }[];
    const mark = sql.prepare(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?
       WHERE id = ? RETURNING *`,
    );
    return due.map(({ id }) => toDelivery(mark.get(now, id) as DeliveryRow));
  });

  const fail = sql.db.transaction(
    (id: number, errorCode: string, next: NewDelivery | null, now: number): Delivery | null => {
      const delivery = getDelivery(id);
      finishSending(
        id,
        () =>
          sql
            .prepare(
              `UPDATE deliveries SET status = 'failed', last_error_code = ?, updated_at = ?
             WHERE id = ? AND status = 'sending'`,
            )
            .run(errorCode, now, id).changes,
      );
      if (next === null || delivery === null) return null;
      return insertDeliveries(sql, delivery.drawId, [next], now)[0] ?? null;
    },
  );

  return {
    enqueueDeliveries(drawId, deliveries, now) {
      return sql.db.transaction(() => insertDeliveries(sql, drawId, deliveries, now))();
    },

    claimDueDeliveries(now, limit, channels) {
      return claim(now, limit, channelList(channels));
    },

    markDeliverySent(id, providerMessageId, now) {
      finishSending(
        id,
        () =>
          sql
            .prepare(
              `UPDATE deliveries SET status = 'sent', provider_message_id = ?,
               updated_at = ?
             WHERE id = ? AND status = 'sending'`,
            )
            .run(providerMessageId, now, id).changes,
      );
    },

    markDeliveryRetry(id, errorCode, nextAttemptAt, now) {
      finishSending(
        id,
        () =>
          sql
            .prepare(
              `UPDATE deliveries SET status = 'pending', last_error_code = ?, next_attempt_at = ?, updated_at = ?
             WHERE id = ? AND status = 'sending'`,
            )
            .run(errorCode, nextAttemptAt, now, id).changes,
      );
    },

    markDeliveryFailed(id, errorCode, next, now) {
      return fail(id, errorCode, next, now);
    },

    recoverInterruptedDeliveries(now, channels) {
      const kinds = channelList(channels);
      const result = sql
        .prepare(
          `UPDATE deliveries SET status = 'pending', next_attempt_at = MIN(next_attempt_at, ?), updated_at = ?
           WHERE status = 'sending' AND ${IN_CHANNELS}`,
        )
        .run(now, now, kinds, kinds);
      return result.changes;
    },

    listDeliveries(drawId) {
      const rows = sql
        .prepare('SELECT * FROM deliveries WHERE draw_id = ? ORDER BY id')
        .all(drawId) as DeliveryRow[];
      return rows.map(toDelivery);
    },

    getDelivery,

    nextDueAt(channels) {
      const kinds = channelList(channels);
      const row = sql
        .prepare(
          `SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE status = 'pending' AND ${IN_CHANNELS}`,
        )
        .get(kinds, kinds) as { due: number | null };
      return row.due;
    },
  };
}
