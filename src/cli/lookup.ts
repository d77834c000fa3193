import { nameKey } from '../bot/names.js';
import type { Draw, Exchange, Participant } from '../bot/model.js';
import type { Store } from '../bot/ports.js';
import { UserError } from '../bot/errors.js';
import { lookupProblems } from '../bot/texts/cli.js';

/**
 * Finds an exchange by id (digits) or by name: the most recent CLI exchange with that name, compared
 * case-insensitively. Throws UserError EXCHANGE_NOT_FOUND.
 */
export function findExchange(store: Store, ref: string): Exchange {
  const trimmed = ref.trim();
  const exchange = /^\d+$/.test(trimmed)
    ? store.getExchange(Number(trimmed))
    : store.findExchangeByName('cli', trimmed);
  if (exchange === null) throw new UserError('EXCHANGE_NOT_FOUND', lookupProblems.exchangeNotFound(ref), ref);
  return exchange;
}

/** Finds a person of an exchange by name, after the same normalisation as the import. */
export function findPerson(store: Store, exchange: Exchange, name: string): Participant {
  const person = store.findParticipantByNameKey(exchange.id, nameKey(name));
  if (person === null) {
    const names = store.listParticipants(exchange.id).map((participant) => participant.displayName);
    throw new UserError('PERSON_NOT_FOUND', lookupProblems.personNotFound(name, exchange.name, names), name);
  }
  return person;
}

/** Returns the latest draw of an exchange. Throws UserError NOT_DRAWN when it has none. */
export function requireDraw(store: Store, exchange: Exchange): Draw {
  const draw =
    exchange.status === 'drawn' || exchange.status === 'closed' ? store.getLatestDraw(exchange.id) : null;
  if (draw === null) throw new UserError('NOT_DRAWN', lookupProblems.notDrawn(exchange.name), exchange.id);
  return draw;
}
