import type { DrawProblem, Pair, PersonId, Violation } from './types.js';

/**
 * Checks a draw against its problem and returns every broken rule (an empty list means valid).
 *
 * Written independently of the sampler and its constraint index, on purpose: it reads the problem
 * as given, so a bug in the engine's bookkeeping cannot hide from it. Past exchanges whose label is
 * in `relaxedHistory` may repeat, as the engine reports them. Each exclusion and remembered pairing
 * is looked up in the draw, so no set of pairs is built and 100,000 people stay cheap to check.
 */
export function verifyDraw(
  problem: DrawProblem,
  pairs: readonly Pair[],
  relaxedHistory: readonly string[] = [],
): Violation[] {
  const people = problem.participants;
  const indexOf = new Map<PersonId, number>();
  for (let i = 0; i < people.length; i++) if (!indexOf.has(people[i]!)) indexOf.set(people[i]!, i);

  // recipient[i] is the index of the person i draws, -1 for nobody.
  const recipient = new Int32Array(people.length).fill(-1);
  const timesDrawn = new Int32Array(people.length);
  const unknown = new Set<PersonId>();
  const brokenGivers = new Set<number>();
  for (let p = 0; p < pairs.length; p++) {
    const [giverId, recipientId] = pairs[p]!;
    const g = indexOf.get(giverId);
    const r = indexOf.get(recipientId);
    if (g === undefined) unknown.add(giverId);
    if (r === undefined) unknown.add(recipientId);
    if (g === undefined || r === undefined) continue;
    if (recipient[g] !== -1) brokenGivers.add(g);
    recipient[g] = r;
    timesDrawn[r]! += 1;
  }

  const violations: Violation[] = [];
  if (unknown.size > 0) violations.push({ code: 'UNKNOWN_PERSON', givers: [...unknown] });

  // Not a permutation: a participant who gives to nobody, a giver listed twice, a giver whose
  // recipient is also drawn by someone else, or a participant listed twice.
  for (let g = 0; g < people.length; g++) {
    if (recipient[g] === -1 || timesDrawn[recipient[g]!]! > 1) brokenGivers.add(g);
  }
  if (brokenGivers.size > 0 || indexOf.size !== people.length) {
    const givers = people.filter((_, g) => brokenGivers.has(g));
    violations.push({ code: 'NOT_A_PERMUTATION', givers: [...new Set(givers)] });
  }

  const household = householdIndex(problem, indexOf);
  const failing = {
    self: [] as PersonId[],
    excluded: new Set<PersonId>(),
    household: [] as PersonId[],
    reciprocal: [] as PersonId[],
    history: new Set<PersonId>(),
  };
  const recipientId = Array.from(recipient, (r) => (r === -1 ? undefined : people[r]));
  collectDrawn(indexOf, recipientId, problem.exclusions, failing.excluded);
  for (const exchange of rememberedExchanges(problem, relaxedHistory)) {
    collectDrawn(indexOf, recipientId, exchange.pairs, failing.history);
  }
  for (let g = 0; g < people.length; g++) {
    const r = recipient[g]!;
    if (r === -1) continue;
    if (g === r) failing.self.push(people[g]!);
    if (g !== r && shareHousehold(household, g, r)) failing.household.push(people[g]!);
    if (problem.rules.noReciprocal && g !== r && recipient[r] === g) failing.reciprocal.push(people[g]!);
  }

  if (failing.self.length > 0) violations.push({ code: 'SELF_DRAW', givers: failing.self });
  if (failing.excluded.size > 0) violations.push({ code: 'EXCLUDED', givers: [...failing.excluded] });
  if (failing.household.length > 0) violations.push({ code: 'SAME_HOUSEHOLD', givers: failing.household });
  if (failing.reciprocal.length > 0) violations.push({ code: 'RECIPROCAL', givers: failing.reciprocal });
  if (failing.history.size > 0) violations.push({ code: 'REPEATS_HISTORY', givers: [...failing.history] });

  if (problem.rules.singleLoop && violations.length === 0 && loopLength(recipient) !== people.length) {
    violations.push({ code: 'NOT_SINGLE_LOOP', givers: [...people] });
  }
  return violations;
}

/** Returns true when `verifyDraw` finds nothing wrong with the draw. */
export function isValidDraw(
  problem: DrawProblem,
  pairs: readonly Pair[],
  relaxedHistory: readonly string[] = [],
): boolean {
  return verifyDraw(problem, pairs, relaxedHistory).length === 0;
}

/** Households by person: `first[i]` is i's first household (-1 for none), `more` the rest, if any. */
interface HouseholdIndex {
  first: Int32Array;
  more: Map<number, number[]>;
}

function householdIndex(problem: DrawProblem, indexOf: Map<PersonId, number>): HouseholdIndex {
  const first = new Int32Array(indexOf.size).fill(-1);
  const more = new Map<number, number[]>();
  problem.households.forEach((members, h) => {
    for (const id of members) {
      const i = indexOf.get(id);
      if (i === undefined || first[i] === h) continue;
      if (first[i] === -1) first[i] = h;
      else more.set(i, [...(more.get(i) ?? []), h]);
    }
  });
  return { first, more };
}

function shareHousehold(index: HouseholdIndex, a: number, b: number): boolean {
  if (index.first[a] === -1 || index.first[b] === -1) return false;
  if (index.first[a] === index.first[b]) return true;
  if (index.more.size === 0) return false;
  const ofA = [index.first[a]!, ...(index.more.get(a) ?? [])];
  const ofB = [index.first[b]!, ...(index.more.get(b) ?? [])];
  return ofA.some((h) => ofB.includes(h));
}

function rememberedExchanges(
  problem: DrawProblem,
  relaxedHistory: readonly string[],
): DrawProblem['history'] {
  const relaxed = new Set(relaxedHistory);
  const active = problem.history.slice(0, Math.max(0, problem.rules.avoidPast));
  return active.filter((exchange) => !relaxed.has(exchange.label));
}

/** Adds to `found` every giver who drew the recipient of one of `pairs`. */
function collectDrawn(
  indexOf: Map<PersonId, number>,
  recipientId: readonly (PersonId | undefined)[],
  pairs: readonly Pair[],
  found: Set<PersonId>,
): void {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const g = indexOf.get(pair[0]);
    if (g !== undefined && recipientId[g] === pair[1]) found.add(pair[0]);
  }
}

/** Follows the draw from the first person; returns the loop length, or -1 if it never returns. */
function loopLength(recipient: Int32Array): number {
  if (recipient.length === 0) return 0;
  let length = 0;
  let current = 0;
  do {
    current = recipient[current]!;
    length += 1;
  } while (current > 0 && length <= recipient.length);
  return current === 0 ? length : -1;
}
