import type { DrawProblem, Pair, PersonId } from '../../src/engine/types.js';

/**
 * Reference implementation for tests: enumerates every permutation of a small problem and keeps the
 * valid draws. Deliberately naive and separate from the engine's code.
 */
export function enumerateValidDraws(problem: DrawProblem, limit = Infinity): Pair[][] {
  const people = [...problem.participants];
  const n = people.length;
  const forbidden = forbiddenPairs(problem);
  const found: Pair[][] = [];
  const recipient: number[] = new Array<number>(n).fill(-1);
  const used: boolean[] = new Array<boolean>(n).fill(false);

  const place = (g: number): void => {
    if (found.length >= limit) return;
    if (g === n) {
      if (problem.rules.singleLoop && !isOneLoop(recipient)) return;
      found.push(recipient.map((r, i) => [people[i]!, people[r]!] as Pair));
      return;
    }
    for (let r = 0; r < n; r++) {
      if (used[r] || r === g || forbidden.has(`${g},${r}`)) continue;
      if (problem.rules.noReciprocal && r < g && recipient[r] === g) continue;
      used[r] = true;
      recipient[g] = r;
      place(g + 1);
      used[r] = false;
      recipient[g] = -1;
    }
  };
  if (n > 0) place(0);
  return found;
}

/** Returns whether `giver` may draw `recipient` under the exclusions, households and avoided history. */
export function allowedBy(problem: DrawProblem): (giver: PersonId, recipient: PersonId) => boolean {
  const forbidden = forbiddenPairs(problem);
  const index = new Map<PersonId, number>(problem.participants.map((id, i) => [id, i]));
  return (giver, recipient) =>
    giver !== recipient && !forbidden.has(`${index.get(giver)},${index.get(recipient)}`);
}

function forbiddenPairs(problem: DrawProblem): Set<string> {
  const index = new Map<PersonId, number>(problem.participants.map((id, i) => [id, i]));
  const keys = new Set<string>();
  const add = (a: PersonId, b: PersonId): void => {
    const g = index.get(a);
    const r = index.get(b);
    if (g !== undefined && r !== undefined) keys.add(`${g},${r}`);
  };
  for (const [a, b] of problem.exclusions) add(a, b);
  for (const members of problem.households) for (const a of members) for (const b of members) add(a, b);
  for (const exchange of problem.history.slice(0, problem.rules.avoidPast))
    for (const [a, b] of exchange.pairs) add(a, b);
  return keys;
}

function isOneLoop(recipient: readonly number[]): boolean {
  let length = 0;
  let current = 0;
  do {
    current = recipient[current]!;
    length += 1;
  } while (current !== 0 && length <= recipient.length);
  return length === recipient.length;
}
