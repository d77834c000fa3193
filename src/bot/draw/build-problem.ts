import type { DrawProblem, Pair, PastExchange } from '../../engine/types.js';
import type { Exchange, Exclusion, Participant, PastPairing } from '../model.js';
import type { Store } from '../ports.js';
import { historyKey } from '../names.js';
import { pastExchangeLabel } from '../texts/draw-problems.js';

/** Returns the engine's string id for a participant: its row id, because the engine takes strings. */
export function personId(participant: Participant): string {
  return String(participant.id);
}

/**
 * Builds the engine's input for an exchange from what the store holds: the participants who have not
 * left, the exclusions and households among them, the rules and, when the avoid-repeats rule is on,
 * the pairings of the group's last `avoidPast` drawn exchanges, newest first.
 */
export function buildDrawProblem(
  store: Store,
  exchange: Exchange,
  participants: readonly Participant[],
): DrawProblem {
  const present = new Set(participants.map((participant) => participant.id));

  const exclusions: Pair[] = store
    .listExclusions(exchange.id)
    .filter((exclusion) => present.has(exclusion.giverId) && present.has(exclusion.recipientId))
    .map((exclusion: Exclusion) => [String(exclusion.giverId), String(exclusion.recipientId)] as const);

  const byHousehold = new Map<string, string[]>();
  for (const participant of participants) {
    if (participant.household === null) continue;
    const members = byHousehold.get(participant.household) ?? [];
    members.push(personId(participant));
    byHousehold.set(participant.household, members);
  }
  const households = [...byHousehold.values()].filter((members) => members.length > 1);

  const history =
    exchange.rules.avoidPast > 0
      ? pastExchanges(
          store.listPastPairings(exchange.groupKey, exchange.rules.avoidPast, exchange.id),
          participants,
        )
      : [];

  return {
    participants: participants.map(personId),
    exclusions,
    households,
    rules: { ...exchange.rules },
    history,
  };
}

/** Groups past pairings by exchange, newest first, keeping only pairs of people in this draw. */
function pastExchanges(
  pairings: readonly PastPairing[],
  participants: readonly Participant[],
): PastExchange[] {
  const idByKey = new Map(
    participants.map((participant) => [historyKey(participant), personId(participant)]),
  );
  const byExchange = new Map<number, { label: string; drawnAt: number; pairs: Pair[] }>();

  for (const pairing of pairings) {
    let past = byExchange.get(pairing.exchangeId);
    if (past === undefined) {
      past = {
        label: pastExchangeLabel(pairing.exchangeName, pairing.drawnAt),
        drawnAt: pairing.drawnAt,
        pairs: [],
      };
      byExchange.set(pairing.exchangeId, past);
    }
    const giver = idByKey.get(pairing.giverKey);
    const recipient = idByKey.get(pairing.recipientKey);
    if (giver !== undefined && recipient !== undefined) past.pairs.push([giver, recipient]);
  }

  return [...byExchange.values()]
    .sort((a, b) => b.drawnAt - a.drawnAt)
    .map(({ label, pairs }) => ({ label, pairs }));
}
