import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

// Three people have only two draws: A->B->C->A and A->C->B->A (pairs in participant order).
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

function threePeople(avoidPast: number, history: DrawProblem['history']): DrawProblem {
  return {
    participants: ['A', 'B', 'C'],
    exclusions: [],
    households: [],
    rules: { noReciprocal: false, singleLoop: false, avoidPast },
    history,
  };
}

describe('history relaxation', () => {
  it('allows the oldest exchange again first', () => {
    // Newest first: 2025 used the forward loop, 2024 the backward one; avoiding both leaves nothing.
    const problem = threePeople(2, [
      { label: '2025', pairs: forward },
      { label: '2024', pairs: backward },
    ]);
    const outcome = drawAssignments(problem, seededRandom(1));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.relaxedHistory).toEqual(['2024']);
    expect(outcome.pairs).toEqual(backward);
    expect(isValidDraw(problem, outcome.pairs, outcome.relaxedHistory)).toBe(true);
    expect(isValidDraw(problem, outcome.pairs)).toBe(false);
  });

  it('avoids only the last avoidPast exchanges', () => {
    const problem = threePeople(1, [
      { label: '2025', pairs: forward },
      { label: '2024', pairs: backward },
    ]);
    const outcome = drawAssignments(problem, seededRandom(2));
    expect(outcome).toEqual({ ok: true, pairs: backward, method: 'uniform', relaxedHistory: [] });
  });

  it('reports every relaxed exchange when the draw stays impossible', () => {
    const problem: DrawProblem = {
      ...threePeople(2, [
        { label: '2025', pairs: forward },
        { label: '2024', pairs: backward },
      ]),
      exclusions: [
        ['A', 'B'],
        ['A', 'C'],
      ],
    };
    const outcome = drawAssignments(problem, seededRandom(3));
    expect(outcome).toEqual({
      ok: false,
      code: 'NOBODY_TO_DRAW',
      givers: ['A'],
      recipients: [],
      relaxedHistory: ['2024', '2025'],
    });
  });
});
