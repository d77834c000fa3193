import { nameKey } from '../bot/names.js';
import type { Exchange } from '../bot/model.js';
import type { Store } from '../bot/ports.js';

/** Returns the group key that ties CLI draws of the same name together. */
export function cliGroupKey(name: string): string {
  return `cli:${nameKey(name)}`;
}

/**
 * Returns the latest CLI exchange with this name when it is still `drawn`. Its givers may hold their
 * messages already. Returns null when there is none, or when it is closed or cancelled.
 */
export function findOpenDraw(store: Store, name: string): Exchange | null {
  const groupKey = cliGroupKey(name);
  const latest = store
    .listExchanges({ platform: 'cli' })
    .filter((exchange) => exchange.groupKey === groupKey)
    .reduce<Exchange | null>(
      (newest, exchange) => (newest === null || exchange.id > newest.id ? exchange : newest),
      null,
    );
  return latest?.status === 'drawn' ? latest : null;
}

/** Returns the day an exchange was last drawn as YYYY-MM-DD (UTC), or null without a draw. */
export function drawnOn(store: Store, exchange: Exchange): string | null {
  const draw = store.getLatestDraw(exchange.id);
  return draw === null ? null : new Date(draw.createdAt).toISOString().slice(0, 10);
}
