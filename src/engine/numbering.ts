import { IdTable } from './id-table.js';
import type { DrawProblem, Pair, PersonId } from './types.js';

/** Pairs of a problem as participant numbers, in the order given, with -1 for an unknown id. */
export interface NumberedPairs {
  readonly givers: Int32Array;
  readonly recipients: Int32Array;
}

/**
 * A problem's ids turned into numbers once per call, so that the constraint index and the verifier
 * both work on integers. It is only a lookup table: it keeps every pair, household member and unknown
 * id as listed and decides no rule, so the verifier's checks stay its own code.
 */
export interface NumberedProblem {
  /** The participants without repeats, in first-seen order. A person's number is their position. */
  readonly ids: readonly PersonId[];
  readonly indexOf: IdTable;
  readonly exclusions: NumberedPairs;
  /** Household h's members are householdMembers[householdStart[h] .. householdStart[h+1]). */
  readonly householdStart: Int32Array;
  readonly householdMembers: Int32Array;
  /** The first `rules.avoidPast` past exchanges, newest first, as in the problem. */
  readonly history: readonly NumberedPairs[];
}

/** Numbers a problem's participants, exclusions, households and avoided past exchanges. */
export function numberProblem(problem: DrawProblem): NumberedProblem {
  const indexOf = new IdTable(problem.participants);
  const ids = indexOf.ids;
  const lookup = new IdLookup(indexOf);

  let memberCount = 0;
  for (const members of problem.households) memberCount += members.length;
  const householdStart = new Int32Array(problem.households.length + 1);
  const householdMembers = new Int32Array(memberCount);
  let write = 0;
  problem.households.forEach((members, h) => {
    householdStart[h] = write;
    for (const id of members) householdMembers[write++] = lookup.findNear(id);
  });
  householdStart[problem.households.length] = write;

  const avoided = problem.history.slice(0, Math.max(0, problem.rules.avoidPast));
  return {
    ids,
    indexOf,
    exclusions: numberPairs(new IdLookup(indexOf), problem.exclusions),
    householdStart,
    householdMembers,
    history: avoided.map((exchange) => numberPairs(new IdLookup(indexOf), exchange.pairs)),
  };
}

/** Numbers a list of pairs, with a fresh lookup so that its guesses learn this list's order. */
export function numberPairs(lookup: IdLookup, pairs: readonly Pair[]): NumberedPairs {
  const givers = new Int32Array(pairs.length);
  const recipients = new Int32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    givers[i] = lookup.findNear(pair[0]);
    recipients[i] = lookup.find(pair[1]);
  }
  return { givers, recipients };
}

/**
 * Finds participant numbers by id. Probing a table of 100,000 ids misses the CPU cache several
 * times, so `findNear` first tries three cheap guesses. The previous giver again fits exclusions
 * listed per giver, the next participant fits draws and households in participant order, and the
 * previous recipient fits a loop listed in chain order. A guess is only taken when the id at
 * that number is equal, and ids are unique, so the answer is always the table's. A missed guess
 * costs a cache miss of its own, so a list whose order defeats the guesses stops them.
 */
export class IdLookup {
  private lastGiver = -1;
  private lastRecipient = -1;
  private guessing = true;
  private guesses = 0;
  private hits = 0;

  private readonly ids: readonly PersonId[];

  constructor(private readonly table: IdTable) {
    this.ids = table.ids;
  }

  /** Returns the participant number of `id`, or -1 when it is not a participant. */
  find(id: PersonId): number {
    const found = this.table.find(id);
    this.lastRecipient = found;
    return found;
  }

  /** Like `find`, for an id listed near the previous one (a giver, a household member), guessing first. */
  findNear(id: PersonId): number {
    if (!this.guessing) {
      this.lastGiver = this.table.find(id);
      return this.lastGiver;
    }

    const ids = this.ids;
    const last = this.lastGiver;
    let found = -1;
    if (last >= 0 && ids[last] === id) found = last;
    else if (last + 1 < ids.length && ids[last + 1] === id) found = last + 1;
    else if (this.lastRecipient >= 0 && ids[this.lastRecipient] === id) found = this.lastRecipient;

    // After 256 guesses, keep guessing only while at least half of them hit.
    this.guesses += 1;
    if (found !== -1) this.hits += 1;
    else found = this.table.find(id);
    if (this.guesses >= 256 && 2 * this.hits < this.guesses) this.guessing = false;
    this.lastGiver = found;
    return found;
  }
}
