import { IdLookup, numberProblem, type NumberedPairs, type NumberedProblem } from './numbering.js';
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
  return verifyNumberedDraw(problem, numberProblem(problem), pairs, relaxedHistory);
}

/** Returns true when `verifyDraw` finds nothing wrong with the draw. */
export function isValidDraw(
  problem: DrawProblem,
  pairs: readonly Pair[],
  relaxedHistory: readonly string[] = [],
): boolean {
  return verifyDraw(problem, pairs, relaxedHistory).length === 0;
}

/**
 * `verifyDraw` for a problem whose ids were already numbered, so that a draw does not number them
 * twice. `numbered` must come from `numberProblem(problem)`: it is only a table from ids to numbers,
 * and every rule below is checked here from the problem's own lists.
 */
export function verifyNumberedDraw(
  problem: DrawProblem,
  numbered: NumberedProblem,
  pairs: readonly Pair[],
  relaxedHistory: readonly string[] = [],
): Violation[] {
  const people = numbered.ids;
  const lookup = new IdLookup(numbered.indexOf);

  // recipient[i] is the number of the person i draws, -1 for nobody.
  const recipient = new Int32Array(people.length).fill(-1);
  const timesDrawn = new Int32Array(people.length);
  const unknown = new Set<PersonId>();
  const broken = new Uint8Array(people.length);
  let anyBroken = false;
  for (let p = 0; p < pairs.length; p++) {
    const [giverId, recipientId] = pairs[p]!;
    const g = lookup.findNear(giverId);
    const r = lookup.find(recipientId);
    if (g === -1) unknown.add(giverId);
    if (r === -1) unknown.add(recipientId);
    if (g === -1 || r === -1) continue;
    if (recipient[g] !== -1) broken[g] = 1;
    recipient[g] = r;
    timesDrawn[r]! += 1;
  }

  const violations: Violation[] = [];
  if (unknown.size > 0) violations.push({ code: 'UNKNOWN_PERSON', givers: [...unknown] });

  // Not a permutation: a participant who gives to nobody, a giver listed twice, a giver whose
  // recipient is also drawn by someone else, or a participant listed twice.
  for (let g = 0; g < people.length; g++) {
    if (recipient[g] === -1 || timesDrawn[recipient[g]!]! > 1) broken[g] = 1;
    if (broken[g] === 1) anyBroken = true;
  }
  const listedTwice = people.length !== problem.participants.length;
  if (anyBroken || listedTwice) {
    violations.push({ code: 'NOT_A_PERMUTATION', givers: brokenGivers(problem, numbered, broken) });
  }

  const household = householdIndex(numbered);
  const failing = {
    self: [] as PersonId[],
    excluded: new Set<PersonId>(),
    household: [] as PersonId[],
    reciprocal: [] as PersonId[],
    history: new Set<PersonId>(),
  };
  collectDrawn(people, recipient, numbered.exclusions, failing.excluded);
  for (const exchange of rememberedExchanges(problem, numbered, relaxedHistory)) {
    collectDrawn(people, recipient, exchange, failing.history);
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
    violations.push({ code: 'NOT_SINGLE_LOOP', givers: [...problem.participants] });
  }
  return violations;
}

/**
 * Lists the givers of a broken permutation, in the order of the participant list. A participant listed
 * twice counts as broken, since only one of their entries can give.
 */
function brokenGivers(problem: DrawProblem, numbered: NumberedProblem, broken: Uint8Array): PersonId[] {
  if (numbered.ids.length === problem.participants.length) {
    return numbered.ids.filter((_, g) => broken[g] === 1);
  }
  const seen = new Uint8Array(numbered.ids.length);
  const givers = new Set<PersonId>();
  for (const id of problem.participants) {
    const g = numbered.indexOf.get(id)!;
    if (seen[g] === 1 || broken[g] === 1) givers.add(id);
    seen[g] = 1;
  }
  return [...givers];
}

/** Households by person: `first[i]` is i's first household (-1 for none), `more` the rest, if any. */
interface HouseholdIndex {
  first: Int32Array;
  more: Map<number, number[]>;
}

function householdIndex(numbered: NumberedProblem): HouseholdIndex {
  const first = new Int32Array(numbered.ids.length).fill(-1);
  const more = new Map<number, number[]>();
  const { householdStart, householdMembers } = numbered;
  for (let h = 0; h < householdStart.length - 1; h++) {
    for (let m = householdStart[h]!; m < householdStart[h + 1]!; m++) {
      const i = householdMembers[m]!;
      if (i === -1 || first[i] === h) continue;
      if (first[i] === -1) first[i] = h;
      else more.set(i, [...(more.get(i) ?? []), h]);
    }
  }
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

/** Returns the numbered pairs of the avoided past exchanges that were not relaxed. */
function rememberedExchanges(
  problem: DrawProblem,
  numbered: NumberedProblem,
  relaxedHistory: readonly string[],
): NumberedPairs[] {
  const relaxed = new Set(relaxedHistory);
  return numbered.history.filter((_, i) => !relaxed.has(problem.history[i]!.label));
}

/** Adds to `found` every giver who drew the recipient of one of `pairs`. */
function collectDrawn(
  people: readonly PersonId[],
  recipient: Int32Array,
  pairs: NumberedPairs,
  found: Set<PersonId>,
): void {
  for (let i = 0; i < pairs.givers.length; i++) {
    const g = pairs.givers[i]!;
    const r = pairs.recipients[i]!;
    if (g !== -1 && r !== -1 && recipient[g] === r) found.add(people[g]!);
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
