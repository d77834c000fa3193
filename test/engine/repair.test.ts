import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw, repairDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawChange, DrawProblem, Pair, PersonId } from '../../src/engine/types.js';
import { smallProblem } from './arbitraries.js';
import { enumerateValidDraws } from './brute-force.js';

function changedCount(before: readonly Pair[], after: readonly Pair[]): number {
  const old = new Map<PersonId, PersonId>(before.map(([g, r]) => [g, r]));
  return after.filter(([g, r]) => old.get(g) !== r).length;
}

const PLAIN = { noReciprocal: false, singleLoop: false, avoidPast: 0 };

describe('repairDraw', () => {
  it('changes as few givers as brute force allows', () => {
    let checked = 0;
    fc.assert(
      fc.property(smallProblem(7), fc.boolean(), fc.nat(), fc.integer(), (full, joins, pick, seed) => {
        const random = seededRandom(seed);
        const people = full.participants;
        const mover = people[pick % people.length]!;
        const withoutMover = { ...full, participants: people.filter((id) => id !== mover) };
        const before = joins ? withoutMover : full;
        const after = joins ? full : withoutMover;
        const change: DrawChange = joins ? { join: mover } : { leave: mover };

        const first = drawAssignments(before, random);
        if (!first.ok) return;
        const outcome = repairDraw(after, first.pairs, change, random);
        const options = enumerateValidDraws(after);
        expect(outcome.ok).toBe(options.length > 0);
        if (!outcome.ok) return;

        checked += 1;
        expect(isValidDraw(after, outcome.pairs)).toBe(true);
        expect(outcome.changedGivers.length).toBe(changedCount(first.pairs, outcome.pairs));
        const fewest = Math.min(...options.map((pairs) => changedCount(first.pairs, pairs)));
        expect(outcome.changedGivers.length).toBe(fewest);
      }),
      { numRuns: 800, seed: 5 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it('places a newcomer beside different people', () => {
    const problem: DrawProblem = {
      participants: ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
      exclusions: [],
      households: [],
      history: [],
      rules: PLAIN,
    };
    const current: Pair[] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'D'],
      ['D', 'E'],
      ['E', 'F'],
      ['F', 'A'],
    ];
    const giversOfNewcomer = new Map<PersonId, number>();
    for (let seed = 1; seed <= 300; seed++) {
      const outcome = repairDraw(problem, current, { join: 'G' }, seededRandom(seed));
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.changedGivers).toHaveLength(2);
      const giver = outcome.pairs.find(([, r]) => r === 'G')![0];
      giversOfNewcomer.set(giver, (giversOfNewcomer.get(giver) ?? 0) + 1);
    }
    // Each of the six current givers can hand over their recipient; each should be chosen often.
    expect(giversOfNewcomer.size).toBe(6);
    for (const count of giversOfNewcomer.values()) expect(count).toBeGreaterThan(25);
  });

  it('keeps one loop when someone leaves', () => {
    const problem: DrawProblem = {
      participants: ['A', 'B', 'C', 'D', 'E'],
      exclusions: [['A', 'C']],
      households: [],
      history: [],
      rules: { ...PLAIN, singleLoop: true },
    };
    const current: Pair[] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'D'],
      ['D', 'E'],
      ['E', 'F'],
      ['F', 'A'],
    ];
    const outcome = repairDraw(problem, current, { leave: 'F' }, seededRandom(9));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(isValidDraw(problem, outcome.pairs)).toBe(true);
    expect(outcome.changedGivers).toEqual(['E']);
  });

  it('reports an impossible repair', () => {
    const problem: DrawProblem = {
      participants: ['A'],
      exclusions: [],
      households: [],
      history: [],
      rules: PLAIN,
    };
    const outcome = repairDraw(
      problem,
      [
        ['A', 'B'],
        ['B', 'A'],
      ],
      { leave: 'B' },
      seededRandom(1),
    );
    expect(outcome).toEqual({
      ok: false,
      code: 'TOO_FEW_PARTICIPANTS',
      givers: ['A'],
      recipients: [],
      relaxedHistory: [],
    });
  });
});

describe('repairDraw with relaxed history', () => {
  it('keeps pairings a relaxed exchange allowed', () => {
    // Avoiding 2025 and 2024 leaves no draw of A, B, C, so the draw repeated 2024's loop.
    const forward: Pair[] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'A'],
    ];
    const backward: Pair[] = [
      ['A', 'C'],
      ['B', 'A'],
      ['C', 'B'],
    ];
    const problem: DrawProblem = {
      participants: ['A', 'B', 'C', 'D'],
      exclusions: [],
      households: [],
      rules: { ...PLAIN, avoidPast: 2 },
      history: [
        { label: '2025', pairs: forward },
        { label: '2024', pairs: backward },
      ],
    };
    const outcome = repairDraw(problem, backward, { join: 'D' }, seededRandom(8));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.relaxedHistory).toEqual(['2024']);
    expect(outcome.changedGivers).toHaveLength(2);
    expect(outcome.changedGivers).toContain('D');
    expect(isValidDraw(problem, outcome.pairs, outcome.relaxedHistory)).toBe(true);
  });
});
