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

describe('drawAssignments on unusual input', () => {
  it('returns a result without throwing', () => {
    const id = fc.constantFrom('', 'a', 'b', 'c', 'd', 'é', 'x y', '1');
    const pair = fc.tuple(id, id);
    const problem = fc.record({
      participants: fc.array(id, { maxLength: 8 }),
      exclusions: fc.array(pair, { maxLength: 10 }),
      households: fc.array(fc.array(id, { maxLength: 4 }), { maxLength: 3 }),
      rules: fc.record({
        noReciprocal: fc.boolean(),
        singleLoop: fc.boolean(),
        avoidPast: fc.integer({ min: -2, max: 5 }),
      }),
      history: fc.array(
        fc.record({ label: fc.string({ maxLength: 4 }), pairs: fc.array(pair, { maxLength: 6 }) }),
        {
          maxLength: 3,
        },
      ),
    });
    fc.assert(
      fc.property(problem, fc.integer(), (input, seed) => {
        const outcome = drawAssignments(input, seededRandom(seed));
        expect(typeof outcome.ok).toBe('boolean');
        if (outcome.ok) expect(isValidDraw(input, outcome.pairs, outcome.relaxedHistory)).toBe(true);
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
