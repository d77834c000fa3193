import type { DrawProblem, Pair, PersonId, Violation } from './types.js';

/**
 * Checks a draw against its problem and returns every broken rule (an empty list means valid).
 *
 * Written independently of the sampler and its constraint index, on purpose: it works on the ids
 * in the problem as given, so a bug in the engine's bookkeeping cannot hide from it. Past exchanges
 * whose label is in `relaxedHistory` are allowed to repeat, as the engine reports them.
 */
export function verifyDraw(
  problem: DrawProblem,
  pairs: readonly Pair[],
  relaxedHistory: readonly string[] = [],
): Violation[] {
  const violations: Violation[] = [];
  const participants = new Set(problem.participants);
  const recipientOf = new Map<PersonId, PersonId>();
  const timesDrawn = new Map<PersonId, number>();
  const unknown = new Set<PersonId>();
  const brokenGivers = new Set<PersonId>();

  for (const [giver, recipient] of pairs) {
    if (!participants.has(giver)) unknown.add(giver);
    if (!participants.has(recipient)) unknown.add(recipient);
    if (recipientOf.has(giver)) brokenGivers.add(giver);
    recipientOf.set(giver, recipient);
    timesDrawn.set(recipient, (timesDrawn.get(recipient) ?? 0) + 1);
  }
  if (unknown.size > 0) violations.push({ code: 'UNKNOWN_PERSON', givers: [...unknown] });

  // Not a permutation: a participant who gives to nobody, a giver listed twice, or a giver whose
  // recipient is also drawn by someone else. A repeated participant breaks it too.
  for (const id of problem.participants) if (!recipientOf.has(id)) brokenGivers.add(id);
  for (const [giver, recipient] of recipientOf) if (timesDrawn.get(recipient)! > 1) brokenGivers.add(giver);
  if (brokenGivers.size > 0 || problem.participants.length !== participants.size) {
    const givers = problem.participants.filter((id) => brokenGivers.has(id));
    violations.push({ code: 'NOT_A_PERMUTATION', givers: [...new Set(givers)] });
  }

  // Each exclusion and remembered pairing is looked up in the draw, so no set of pairs is built.
  const failing = {
    self: [] as PersonId[],
    excluded: new Set<PersonId>(),
    household: [] as PersonId[],
    reciprocal: [] as PersonId[],
    history: new Set<PersonId>(),
  };
  for (const [giver, recipient] of problem.exclusions) {
    if (recipientOf.get(giver) === recipient) failing.excluded.add(giver);
  }
  for (const [giver, recipient] of rememberedPairs(problem, relaxedHistory)) {
    if (recipientOf.get(giver) === recipient) failing.history.add(giver);
  }

  const households = householdsByPerson(problem);
  for (const [giver, recipient] of recipientOf) {
    if (giver === recipient) failing.self.push(giver);
    if (giver !== recipient && shareHousehold(households, giver, recipient)) failing.household.push(giver);
    if (problem.rules.noReciprocal && giver !== recipient && recipientOf.get(recipient) === giver) {
      failing.reciprocal.push(giver);
    }
  }

  if (failing.self.length > 0) violations.push({ code: 'SELF_DRAW', givers: failing.self });
  if (failing.excluded.size > 0) violations.push({ code: 'EXCLUDED', givers: [...failing.excluded] });
  if (failing.household.length > 0) violations.push({ code: 'SAME_HOUSEHOLD', givers: failing.household });
  if (failing.reciprocal.length > 0) violations.push({ code: 'RECIPROCAL', givers: failing.reciprocal });
  if (failing.history.size > 0) violations.push({ code: 'REPEATS_HISTORY', givers: [...failing.history] });

  if (problem.rules.singleLoop && violations.length === 0) {
    const loopLength = followLoop(recipientOf, problem.participants[0]);
    if (loopLength !== problem.participants.length) {
      violations.push({ code: 'NOT_SINGLE_LOOP', givers: [...problem.participants] });
    }
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

/** Maps each person to their household number, or to a list of them for a person in several. */
function householdsByPerson(problem: DrawProblem): Map<PersonId, number | number[]> {
  const byPerson = new Map<PersonId, number | number[]>();
  problem.households.forEach((members, index) => {
    for (const id of members) {
      const known = byPerson.get(id);
      if (known === undefined) byPerson.set(id, index);
      else if (typeof known === 'number') byPerson.set(id, [known, index]);
      else known.push(index);
    }
  });
  return byPerson;
}

function shareHousehold(households: Map<PersonId, number | number[]>, a: PersonId, b: PersonId): boolean {
  const ofA = households.get(a);
  const ofB = households.get(b);
  if (ofA === undefined || ofB === undefined) return false;
  if (typeof ofA === 'number' && typeof ofB === 'number') return ofA === ofB;
  const listA = typeof ofA === 'number' ? [ofA] : ofA;
  const listB = typeof ofB === 'number' ? [ofB] : ofB;
  return listA.some((group) => listB.includes(group));
}

function* rememberedPairs(problem: DrawProblem, relaxedHistory: readonly string[]): Generator<Pair> {
  const relaxed = new Set(relaxedHistory);
  const active = problem.history.slice(0, Math.max(0, problem.rules.avoidPast));
  for (const exchange of active) {
    if (!relaxed.has(exchange.label)) yield* exchange.pairs;
  }
}

function followLoop(recipientOf: Map<PersonId, PersonId>, start: PersonId | undefined): number {
  if (start === undefined) return 0;
  let length = 0;
  let current: PersonId | undefined = start;
  do {
    current = recipientOf.get(current);
    length += 1;
  } while (current !== undefined && current !== start && length <= recipientOf.size);
  return current === start ? length : -1;
}
