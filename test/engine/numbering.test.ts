import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/engine/id-table.js';
import { IdLookup, numberPairs, numberProblem } from '../../src/engine/numbering.js';
import type { DrawProblem } from '../../src/engine/types.js';
import { verifyDraw } from '../../src/engine/verify.js';

describe('IdTable', () => {
  it('numbers ids in first-seen order', () => {
    const table = new IdTable(['B', 'A', 'B', 'C']);

    expect(table.ids).toEqual(['B', 'A', 'C']);
    expect(table.size).toBe(3);
    expect(table.find('C')).toBe(2);
    expect(table.get('A')).toBe(1);
  });

  it('misses ids that are not participants', () => {
    const table = new IdTable(['A', 'B']);

    expect(table.find('Z')).toBe(-1);
    expect(table.get('')).toBeUndefined();
  });

  it('agrees with a Map on any ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), fc.string(), (ids, probe) => {
        const first = new Map<string, number>();
        for (const id of ids) if (!first.has(id)) first.set(id, first.size);
        const table = new IdTable(ids);

        expect(table.ids).toEqual([...first.keys()]);
        for (const id of [...ids, probe]) expect(table.find(id)).toBe(first.get(id) ?? -1);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('numberProblem', () => {
  const problem: DrawProblem = {
    participants: ['A', 'B', 'C', 'D'],
    exclusions: [
      ['A', 'C'],
      ['A', 'Z'],
      ['D', 'B'],
    ],
    households: [['B', 'Q', 'D']],
    rules: { noReciprocal: false, singleLoop: false, avoidPast: 1 },
    history: [
      { label: '2025', pairs: [['C', 'A']] },
      { label: '2024', pairs: [['A', 'B']] },
    ],
  };

  it('keeps every pair and member as listed', () => {
    const numbered = numberProblem(problem);

    expect([...numbered.exclusions.givers]).toEqual([0, 0, 3]);
    expect([...numbered.exclusions.recipients]).toEqual([2, -1, 1]);
    expect([...numbered.householdStart]).toEqual([0, 3]);
    expect([...numbered.householdMembers]).toEqual([1, -1, 3]);
  });

  it('numbers only the avoided past exchanges', () => {
    const numbered = numberProblem(problem);

    expect(numbered.history).toHaveLength(1);
    expect([...numbered.history[0]!.givers]).toEqual([2]);
    expect([...numbered.history[0]!.recipients]).toEqual([0]);
  });

  it('finds givers listed in any order', () => {
    const shuffled: DrawProblem = {
      ...problem,
      exclusions: [
        ['D', 'A'],
        ['B', 'C'],
        ['C', 'B'],
        ['B', 'D'],
        ['A', 'D'],
        ['Z', 'A'],
        ['A', 'B'],
      ],
    };

    expect([...numberProblem(shuffled).exclusions.givers]).toEqual([3, 1, 2, 1, 0, -1, 0]);
  });
});

describe('numberPairs', () => {
  it('agrees with a Map once guessing stops', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const index = fc.integer({ min: 0, max: 55 });
    const name = (i: number): string => (i < 50 ? ids[i]! : `unknown${i}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(index, index), { minLength: 300, maxLength: 700 }), (listed) => {
        const pairs = listed.map(([g, r]) => [name(g), name(r)] as const);
        const numbered = numberPairs(new IdLookup(new IdTable(ids)), pairs);

        expect([...numbered.givers]).toEqual(listed.map(([g]) => (g < 50 ? g : -1)));
        expect([...numbered.recipients]).toEqual(listed.map(([, r]) => (r < 50 ? r : -1)));
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});

describe('verifyDraw with a repeated participant', () => {
  it('names the repeated person as a broken giver', () => {
    const repeated: DrawProblem = {
      participants: ['A', 'B', 'A', 'C'],
      exclusions: [],
      households: [['B', 'C']],
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
      history: [],
    };
    const pairs = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'A'],
    ] as const;

    expect(verifyDraw(repeated, pairs)).toEqual([
      { code: 'NOT_A_PERMUTATION', givers: ['A'] },
      { code: 'SAME_HOUSEHOLD', givers: ['B'] },
    ]);
  });
});
