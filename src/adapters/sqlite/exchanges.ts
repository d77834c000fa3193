import { StoreError } from '../../bot/errors.js';
import type { Exchange } from '../../bot/model.js';
import { nameKey } from '../../bot/names.js';
import type { Store } from '../../bot/ports.js';
import { isUniqueViolation, toConstraintError } from './constraint-errors.js';
import type { Sql } from './connection.js';
import { ruleColumns, toExchange, type ExchangeRow } from './rows.js';

type ExchangeMethods = Pick<
  Store,
  | 'createExchange'
  | 'getExchange'
  | 'findActiveExchange'
  | 'findExchangeByName'
  | 'listExchanges'
  | 'transitionExchange'
  | 'updateExchange'
>;

const ACTIVE_CHANNEL_COLUMN = 'exchanges.channel_id';

function activeExchangeExists(channelId: string | null, cause: unknown): StoreError {
  return new StoreError(
    'ACTIVE_EXCHANGE_EXISTS',
    `Channel ${channelId ?? '(none)'} already has an open or drawn exchange; close or cancel it first.`,
    channelId,
    { cause },
  );
}

/** Builds the exchange methods of the SQLite store over a statement cache. */
export function exchangeMethods(sql: Sql): ExchangeMethods {
  const getExchange = (id: number): Exchange | null => {
    const row = sql.prepare('SELECT * FROM exchanges WHERE id = ?').get(id) as ExchangeRow | undefined;
    return row === undefined ? null : toExchange(row);
  };

  const requireExchange = (id: number): Exchange => {
    const exchange = getExchange(id);
    if (exchange === null) {
      throw new StoreError('EXCHANGE_NOT_FOUND', `Exchange ${id} not found.`, id);
    }
    return exchange;
  };

  return {
    createExchange(input, now) {
      const insert = sql.prepare(
        `INSERT INTO exchanges (name, name_key, platform, group_key, channel_id, organiser_id, budget,
           exchange_date, no_reciprocal, single_loop, avoid_past, status, created_at, updated_at)
         VALUES (@name, @nameKey, @platform, @groupKey, @channelId, @organiserId, @budget,
           @exchangeDate, @noReciprocal, @singleLoop, @avoidPast, 'open', @now, @now)
         RETURNING *`,
      );
      try {
        const row = insert.get({
          name: input.name,
          nameKey: nameKey(input.name),
          platform: input.platform,
          groupKey: input.groupKey,
          channelId: input.channelId,
          organiserId: input.organiserId,
          budget: input.budget,
          exchangeDate: input.exchangeDate,
          ...ruleColumns(input.rules),
          now,
        }) as ExchangeRow;
        return toExchange(row);
      } catch (error) {
        if (isUniqueViolation(error, ACTIVE_CHANNEL_COLUMN))
          throw activeExchangeExists(input.channelId, error);
        throw toConstraintError(error, `create exchange "${input.name}"`);
      }
    },

    getExchange,

    findActiveExchange(platform, groupKey, channelId) {
      const row = sql
        .prepare(
          `SELECT * FROM exchanges
           WHERE platform = ? AND group_key = ? AND channel_id = ? AND status IN ('open', 'drawn')
           ORDER BY id DESC LIMIT 1`,
        )
        .get(platform, groupKey, channelId) as ExchangeRow | undefined;
      return row === undefined ? null : toExchange(row);
    },

    findExchangeByName(platform, name) {
      const row = sql
        .prepare(
          `SELECT * FROM exchanges WHERE platform = ? AND name_key = ?
           ORDER BY created_at DESC, id DESC LIMIT 1`,
        )
        .get(platform, nameKey(name)) as ExchangeRow | undefined;
      return row === undefined ? null : toExchange(row);
    },

    listExchanges(filter = {}) {
      const rows = sql
        .prepare(
          `SELECT * FROM exchanges
           WHERE (@platform IS NULL OR platform = @platform) AND (@status IS NULL OR status = @status)
           ORDER BY created_at, id`,
        )
        .all({ platform: filter.platform ?? null, status: filter.status ?? null }) as ExchangeRow[];
      return rows.map(toExchange);
    },

    transitionExchange(id, from, to, now) {
      try {
        const result = sql
          .prepare('UPDATE exchanges SET status = ?, updated_at = ? WHERE id = ? AND status = ?')
          .run(to, now, id, from);
        return result.changes === 1;
      } catch (error) {
        if (isUniqueViolation(error, ACTIVE_CHANNEL_COLUMN)) {
          throw activeExchangeExists(getExchange(id)?.channelId ?? null, error);
        }
        throw toConstraintError(error, `move exchange ${id} from ${from} to ${to}`);
      }
    },

    updateExchange(id, patch, now) {
      const current = requireExchange(id);
      // An absent or undefined field keeps its value, and null clears the budget or the date.
      const next = {
        name: patch.name ?? current.name,
        budget: patch.budget === undefined ? current.budget : patch.budget,
        exchangeDate: patch.exchangeDate === undefined ? current.exchangeDate : patch.exchangeDate,
        rules: patch.rules ?? current.rules,
      };

      try {
        sql
          .prepare(
            `UPDATE exchanges SET name = @name, name_key = @nameKey, budget = @budget,
               exchange_date = @exchangeDate, no_reciprocal = @noReciprocal, single_loop = @singleLoop,
               avoid_past = @avoidPast, updated_at = @now
             WHERE id = @id`,
          )
          .run({
            id,
            name: next.name,
            nameKey: nameKey(next.name),
            budget: next.budget,
            exchangeDate: next.exchangeDate,
            ...ruleColumns(next.rules),
            now,
          });
      } catch (error) {
        throw toConstraintError(error, `update exchange ${id}`);
      }

      return requireExchange(id);
    },
  };
}
