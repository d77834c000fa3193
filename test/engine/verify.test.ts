import { describe, expect, it } from 'vitest';
import { isValidDraw, verifyDraw } from '../../src/engine/index.js';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

const problem: DrawProblem = {
  participants: ['A', 'B', 'C', 'D'],
  exclusions: [['A', 'C']],
  households: [['B', 'D']],
  rules: { noReciprocal: true, singleLoop: false, avoidPast: 1 },
  history: [
    { label: '2025', pairs: [['C', 'B']] },
    { label: '2024', pairs: [['A', 'D']] },
  ],
};

describe('verifyDraw', () => {
  it('accepts a valid draw', () => {
    const pairs: Pair[] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'D'],
      ['D', 'A'],
    ];
    expect(verifyDraw(problem, pairs)).toEqual([]);
    expect(isValidDraw(problem, pairs)).toBe(true);
  });

  it.each([
    [
      'self draw',
      [
        ['A', 'A'],
        ['B', 'C'],
        ['C', 'D'],
        ['D', 'B'],
      ],
      [
        { code: 'SELF_DRAW', givers: ['A'] },
        { code: 'SAME_HOUSEHOLD', givers: ['D'] },
      ],
    ],
    [
      'exclusion',
      [
        ['A', 'C'],
        ['C', 'D'],
        ['D', 'A'],
        ['B', 'B'],
      ],
      [
        { code: 'SELF_DRAW', givers: ['B'] },
        { code: 'EXCLUDED', givers: ['A'] },
      ],
    ],
    [
      'household',
      [
        ['B', 'D'],
        ['D', 'A'],
        ['A', 'B'],
        ['C', 'C'],
      ],
      [
        { code: 'SELF_DRAW', givers: ['C'] },
        { code: 'SAME_HOUSEHOLD', givers: ['B'] },
      ],
    ],
    [
      'reciprocal pair',
      [
        ['A', 'B'],
        ['B', 'A'],
        ['C', 'D'],
        ['D', 'C'],
      ],
      [{ code: 'RECIPROCAL', givers: ['A', 'B', 'C', 'D'] }],
    ],
    [
      'history',
      [
        ['A', 'B'],
        ['B', 'C'],
        ['C', 'B'],
        ['D', 'A'],
      ],
      [
        { code: 'NOT_A_PERMUTATION', givers: ['A', 'C'] },
        { code: 'RECIPROCAL', givers: ['B', 'C'] },
        { code: 'REPEATS_HISTORY', givers: ['C'] },
      ],
    ],
    [
      'missing giver',
      [
        ['A', 'B'],
        ['B', 'C'],
        ['C', 'D'],
      ],
      [{ code: 'NOT_A_PERMUTATION', givers: ['D'] }],
    ],
    [
      'unknown person',
      [
        ['A', 'B'],
        ['B', 'C'],
        ['C', 'D'],
        ['D', 'Z'],
      ],
      [
        { code: 'UNKNOWN_PERSON', givers: ['Z'] },
        { code: 'NOT_A_PERMUTATION', givers: ['D'] },
      ],
    ],
  ] as const)('reports %s', (_, pairs, violations) => {
    expect(verifyDraw(problem, pairs as unknown as Pair[])).toEqual(violations);
  });

  it('ignores history outside the avoided exchanges', () => {
    const pairs: Pair[] = [
      ['A', 'D'],
      ['D', 'C'],
      ['C', 'B'],
      ['B', 'A'],
    ];
    expect(verifyDraw(problem, pairs)).toEqual([{ code: 'REPEATS_HISTORY', givers: ['C'] }]);
    expect(verifyDraw(problem, pairs, ['2025'])).toEqual([]);
  });

  it('requires one loop under the loop rule', () => {
    const loopProblem: DrawProblem = {
      ...problem,
      exclusions: [],
      households: [],
      history: [],
      rules: { noReciprocal: false, singleLoop: true, avoidPast: 0 },
    };
    expect(
      verifyDraw(loopProblem, [
        ['A', 'B'],
        ['B', 'A'],
        ['C', 'D'],
        ['D', 'C'],
      ]),
    ).toEqual([{ code: 'NOT_SINGLE_LOOP', givers: ['A', 'B', 'C', 'D'] }]);
    expect(
      verifyDraw(loopProblem, [
        ['A', 'C'],
        ['C', 'B'],
        ['B', 'D'],
        ['D', 'A'],
      ]),
    ).toEqual([]);
  });
});
