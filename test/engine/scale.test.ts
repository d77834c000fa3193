import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw, repairDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

function people(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `p${i}`);
}

function inHouseholdsOf(ids: readonly string[], size: number): string[][] {
  const households: string[][] = [];
  for (let i = 0; i < ids.length; i += size) households.push(ids.slice(i, i + size));
  return households;
}

const RULES = { noReciprocal: false, singleLoop: false, avoidPast: 0 };

describe('large draws', () => {
  it.each([
    ['no reciprocal', { ...RULES, noReciprocal: true }],
    ['single loop', { ...RULES, singleLoop: true }],
  ])('draws 20,000 people with %s', (_, rules) => {
    const ids = people(20_000);
    // Dense enough that rejection sampling is not worth its budget, so the fallback must do it.
    const exclusions: Pair[] = ids.flatMap((id, i) =>
      [7, 11, 13, 17, 19].map((k) => [id, ids[(i + k) % ids.length]!] as Pair),
    );
    const problem: DrawProblem = {
      participants: ids,
      exclusions,
      households: inHouseholdsOf(ids, 3),
      rules,
      history: [],
    };
    const outcome = drawAssignments(problem, seededRandom(4));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.method).toBe('approximate');
    expect(isValidDraw(problem, outcome.pairs)).toBe(true);
  });

  it('names three givers who can only give to one person among 20,000', () => {
    const ids = people(20_000);
    const [a, b, c, d] = ids as [string, string, string, string];
    const exclusions: Pair[] = [];
    for (const giver of [a, b, c]) for (const id of ids) if (id !== d) exclusions.push([giver, id]);
    const problem: DrawProblem = {
      participants: ids,
      exclusions,
      households: [[a, b, c]],
      rules: RULES,
      history: [],
    };
    const outcome = drawAssignments(problem, seededRandom(5));
    expect(outcome).toEqual({
      ok: false,
      code: 'GROUP_TOO_FEW_RECIPIENTS',
      givers: [a, b, c],
      recipients: [d],
      relaxedHistory: [],
    });
  });
});

describe('large repairs', () => {
  it.each([
    ['no reciprocal', { ...RULES, noReciprocal: true }],
    ['single loop', { ...RULES, singleLoop: true }],
  ])('mends a 20,000-person draw with %s', (_, rules) => {
    const ids = people(20_000);
    const exclusions: Pair[] = ids.map((id, i) => [id, ids[(i + 7) % ids.length]!]);
    const before: DrawProblem = {
      participants: ids,
      exclusions,
      households: inHouseholdsOf(ids, 3),
      rules,
      history: [],
    };
    const first = drawAssignments(before, seededRandom(7));
    if (!first.ok) throw new Error(`the first draw failed with ${first.code}`);

    const afterLeave = { ...before, participants: ids.filter((id) => id !== 'p100') };
    const leave = repairDraw(afterLeave, first.pairs, { leave: 'p100' }, seededRandom(8));
    expect(leave.ok).toBe(true);
    if (!leave.ok) return;
    expect(isValidDraw(afterLeave, leave.pairs)).toBe(true);
    expect(leave.changedGivers.length).toBeLessThanOrEqual(2);

    const afterJoin = { ...before, participants: [...ids, 'newcomer'] };
    const join = repairDraw(afterJoin, first.pairs, { join: 'newcomer' }, seededRandom(9));
    expect(join.ok).toBe(true);
    if (!join.ok) return;
    expect(isValidDraw(afterJoin, join.pairs)).toBe(true);
    expect(join.changedGivers).toHaveLength(2);
    expect(join.changedGivers).toContain('newcomer');
  });
});

describe('loop rule beyond the first search', () => {
  // Two loops 0..5 and 6..12 joined only by 0->6 and 6->0: every person has a recipient and everyone
  // can reach everyone, but a loop through all 13 would have to enter and leave 6..12 through 6.
  const ids = people(13);
  const successors = new Map<number, number[]>();
  for (let i = 0; i < 6; i++) successors.set(i, [(i + 1) % 6]);
  for (let i = 6; i < 13; i++) successors.set(i, [i === 12 ? 6 : i + 1]);
  successors.get(0)!.push(6);
  successors.get(6)!.push(0);
  const exclusions: Pair[] = [];
  ids.forEach((giver, g) =>
    ids.forEach((recipient, r) => {
      if (g !== r && !successors.get(g)!.includes(r)) exclusions.push([giver, recipient]);
    }),
  );
  const problem: DrawProblem = {
    participants: ids,
    exclusions,
    households: [],
    rules: { ...RULES, singleLoop: true },
    history: [],
  };

  it('proves no loop exists', () => {
    const outcome = drawAssignments(problem, seededRandom(6));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('NO_VALID_LOOP');
    expect(outcome.givers).toEqual(ids);
  });

  it('says so when the budget ends first', () => {
    const outcome = drawAssignments(problem, seededRandom(6), { budget: 20 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('NOT_FOUND_IN_BUDGET');
  });
});
