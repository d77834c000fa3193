import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import { smallProblem } from './arbitraries.js';
import { enumerateValidDraws } from './brute-force.js';

describe('drawAssignments properties', () => {
  it('returns only verified draws', () => {
    fc.assert(
      fc.property(smallProblem(8, { history: true }), fc.integer(), (problem, seed) => {
        const outcome = drawAssignments(problem, seededRandom(seed));
        if (outcome.ok) expect(isValidDraw(problem, outcome.pairs, outcome.relaxedHistory)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('agrees with brute force on feasibility', () => {
    fc.assert(
      fc.property(smallProblem(8), fc.integer(), (problem, seed) => {
        const feasible = enumerateValidDraws(problem, 1).length > 0;
        const outcome = drawAssignments(problem, seededRandom(seed));
        expect(outcome.ok).toBe(feasible);
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
