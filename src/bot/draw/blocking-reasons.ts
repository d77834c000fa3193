/**
 * Finds why particular pairings are ruled out in a draw problem, so that an impossible draw can be
 * explained with names instead of a list of every possible cause. Reads only the problem the engine
 * was given and the past exchanges it had to allow again.
 */
import type { DrawProblem, PersonId } from '../../engine/types.js';

/** One earlier exchange whose pairings still ruled people out, with the people it ruled out. */
export interface PastPairingReason {
  label: string;
  people: PersonId[];
}

/**
 * Why each other participant is ruled out for one person, grouped by the first reason that applies,
 * every list in join order. `noReciprocal` contains people whose only allowed recipient is the person, so the
 * rule that no two people draw each other forbids the pairing the other way.
 */
export interface BlockingReasons {
  sameHousehold: PersonId[];
  excluded: PersonId[];
  pastPairings: PastPairingReason[];
  noReciprocal: PersonId[];
  /** Ruled out for no reason found here; empty unless the engine saw a rule this module does not. */
  other: PersonId[];
}

/** Above this many participants, looking for forced mutual pairs is skipped (its cost grows with the square of the group). */
const MUTUAL_PAIR_SEARCH_LIMIT = 1000;

/**
 * The forbidden pairings of a problem, indexed for lookups. Past exchanges count only while they were
 * still avoided, that is up to `rules.avoidPast` of them and none of those listed in `relaxed`.
 */
class PairingIndex {
  private readonly households = new Map<PersonId, Set<number>>();
  private readonly exclusions = new Set<string>();
  private readonly past: { label: string; pairs: Set<string> }[];

  constructor(
    readonly problem: DrawProblem,
    relaxed: readonly string[],
  ) {
    problem.households.forEach((members, index) => {
      for (const person of members) {
        const own = this.households.get(person) ?? new Set<number>();
        own.add(index);
        this.households.set(person, own);
      }
    });
    for (const [giver, recipient] of problem.exclusions) this.exclusions.add(key(giver, recipient));
    this.past = problem.history
      .slice(0, Math.max(0, problem.rules.avoidPast))
      .filter((exchange) => !relaxed.includes(exchange.label))
      .map((exchange) => ({
        label: exchange.label,
        pairs: new Set(exchange.pairs.map(([giver, recipient]) => key(giver, recipient))),
      }));
  }

  sameHousehold(a: PersonId, b: PersonId): boolean {
    const own = this.households.get(a);
    if (own === undefined) return false;
    for (const index of this.households.get(b) ?? []) if (own.has(index)) return true;
    return false;
  }

  isExcluded(giver: PersonId, recipient: PersonId): boolean {
    return this.exclusions.has(key(giver, recipient));
  }

  /** Returns the label of the newest still-avoided exchange in which the giver drew the recipient. */
  pastLabel(giver: PersonId, recipient: PersonId): string | undefined {
    return this.past.find((exchange) => exchange.pairs.has(key(giver, recipient)))?.label;
  }

  isAllowed(giver: PersonId, recipient: PersonId): boolean {
    return (
      giver !== recipient &&
      !this.sameHousehold(giver, recipient) &&
      !this.isExcluded(giver, recipient) &&
      this.pastLabel(giver, recipient) === undefined
    );
  }

  /** Returns the giver's only allowed recipient, or undefined when there are none or several. */
  onlyRecipient(giver: PersonId): PersonId | undefined {
    let only: PersonId | undefined;
    for (const recipient of this.problem.participants) {
      if (!this.isAllowed(giver, recipient)) continue;
      if (only !== undefined) return undefined;
      only = recipient;
    }
    return only;
  }
}

function key(giver: PersonId, recipient: PersonId): string {
  return JSON.stringify([giver, recipient]);
}

/** Finds why `giver` may draw none of the other participants. */
export function reasonsGiverIsBlocked(
  problem: DrawProblem,
  relaxed: readonly string[],
  giver: PersonId,
): BlockingReasons {
  const index = new PairingIndex(problem, relaxed);
  return groupReasons(index, giver, (other) => [giver, other]);
}

/** Finds why none of the other participants may draw `recipient`. */
export function reasonsRecipientIsBlocked(
  problem: DrawProblem,
  relaxed: readonly string[],
  recipient: PersonId,
): BlockingReasons {
  const index = new PairingIndex(problem, relaxed);
  return groupReasons(index, recipient, (other) => [other, recipient]);
}

function groupReasons(
  index: PairingIndex,
  person: PersonId,
  pairing: (other: PersonId) => readonly [PersonId, PersonId],
): BlockingReasons {
  const reasons: BlockingReasons = {
    sameHousehold: [],
    excluded: [],
    pastPairings: [],
    noReciprocal: [],
    other: [],
  };

  for (const other of index.problem.participants) {
    if (other === person) continue;
    const [giver, recipient] = pairing(other);
    if (index.sameHousehold(giver, recipient)) {
      reasons.sameHousehold.push(other);
      continue;
    }
    if (index.isExcluded(giver, recipient)) {
      reasons.excluded.push(other);
      continue;
    }
    const label = index.pastLabel(giver, recipient);
    if (label !== undefined) {
      addPast(reasons.pastPairings, label, other);
      continue;
    }
    // The pairing is allowed in itself, but the reverse pairing is the recipient's only choice.
    if (index.problem.rules.noReciprocal && index.onlyRecipient(recipient) === giver) {
      reasons.noReciprocal.push(other);
      continue;
    }
    reasons.other.push(other);
  }
  return reasons;
}

function addPast(pastPairings: PastPairingReason[], label: string, person: PersonId): void {
  const existing = pastPairings.find((reason) => reason.label === label);
  if (existing === undefined) pastPairings.push({ label, people: [person] });
  else existing.people.push(person);
}

/**
 * Finds pairs of people who may only draw each other, which the rule that no two people draw each
 * other makes impossible. Returns the pairs in join order, or nothing above 1,000 participants.
 */
export function forcedMutualPairs(
  problem: DrawProblem,
  relaxed: readonly string[],
): (readonly [PersonId, PersonId])[] {
  if (problem.participants.length > MUTUAL_PAIR_SEARCH_LIMIT) return [];

  const index = new PairingIndex(problem, relaxed);
  const position = new Map(problem.participants.map((person, i) => [person, i]));
  const pairs: (readonly [PersonId, PersonId])[] = [];
  for (const person of problem.participants) {
    const only = index.onlyRecipient(person);
    if (only === undefined || index.onlyRecipient(only) !== person) continue;
    if ((position.get(person) ?? 0) < (position.get(only) ?? 0)) pairs.push([person, only]);
  }
  return pairs;
}
