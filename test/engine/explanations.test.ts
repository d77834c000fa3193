import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawInfeasible, DrawProblem, PersonId } from '../../src/engine/types.js';
import { smallProblem } from './arbitraries.js';
import { allowedBy, enumerateValidDraws } from './brute-force.js';

/** Checks that an explanation is true of the problem: the named people really cause the failure. */
function expectTrueExplanation(problem: DrawProblem, outcome: DrawInfeasible): void {
  const allowed = allowedBy(problem);
  const people = problem.participants;
  const recipientsOf = (givers: readonly PersonId[]): Set<PersonId> =>
    new Set(people.filter((r) => givers.some((g) => allowed(g, r))));
  const giversOf = (recipients: readonly PersonId[]): Set<PersonId> =>
    new Set(people.filter((g) => recipients.some((r) => allowed(g, r))));

  switch (outcome.code) {
    case 'TOO_FEW_PARTICIPANTS':
      expect(outcome.givers).toEqual([...people]);
      expect(people.length < 2 || (problem.rules.noReciprocal && people.length < 3)).toBe(true);
      break;
    case 'NOBODY_TO_DRAW':
      expect(outcome.givers).toHaveLength(1);
      expect(recipientsOf(outcome.givers).size).toBe(0);
      break;
    case 'NOBODY_MAY_DRAW':
      expect(outcome.recipients).toHaveLength(1);
      expect(giversOf(outcome.recipients).size).toBe(0);
      break;
    case 'GROUP_TOO_FEW_RECIPIENTS':
      expect([...recipientsOf(outcome.givers)].sort()).toEqual([...outcome.recipients].sort());
      expect(outcome.recipients.length).toBeLessThan(outcome.givers.length);
      break;
    case 'GROUP_TOO_FEW_GIVERS':
      expect([...giversOf(outcome.recipients)].sort()).toEqual([...outcome.givers].sort());
      expect(outcome.givers.length).toBeLessThan(outcome.recipients.length);
      break;
    case 'CLOSED_GROUP': {
      expect(problem.rules.singleLoop).toBe(true);
      expect(outcome.givers.length).toBeGreaterThan(0);
      expect(outcome.givers.length).toBeLessThan(people.length);
      const inside = new Set(outcome.givers);
      for (const r of recipientsOf(outcome.givers)) expect(inside.has(r)).toBe(true);
      break;
    }
    case 'NO_VALID_LOOP': {
      expect(problem.rules.singleLoop || problem.rules.noReciprocal).toBe(true);
      const plain = { ...problem, rules: { ...problem.rules, singleLoop: false, noReciprocal: false } };
      expect(enumerateValidDraws(plain, 1)).toHaveLength(1);
      break;
    }
    case 'NOT_FOUND_IN_BUDGET':
      throw new Error('a small problem must be decided, not left to the budget');
  }
}

describe('infeasible explanations', () => {
  it('name people who really cause the failure', () => {
    let infeasible = 0;
    fc.assert(
      fc.property(smallProblem(8), fc.integer(), (problem, seed) => {
        const outcome = drawAssignments(problem, seededRandom(seed));
        if (outcome.ok) return;
        infeasible += 1;
        expectTrueExplanation(problem, outcome);
      }),
      { numRuns: 500, seed: 3 },
    );
    // The generator must produce enough impossible problems for this test to mean something.
    expect(infeasible).toBeGreaterThan(50);
  });

  it('hold beyond the complete-search size', () => {
    // 13 to 16 people: the loop and no-reciprocal rules go through sampling and repair first.
    fc.assert(
      fc.property(smallProblem(16, { minPeople: 13 }), fc.integer(), (problem, seed) => {
        const outcome = drawAssignments(problem, seededRandom(seed));
        if (outcome.ok) expect(isValidDraw(problem, outcome.pairs)).toBe(true);
        else expectTrueExplanation(problem, outcome);
      }),
      { numRuns: 200, seed: 4 },
    );
  });

  it.each([
    [
      'recipient nobody may draw',
      {
        exclusions: [
          ['A', 'D'],
          ['B', 'D'],
          ['C', 'D'],
        ],
      },
      'NOBODY_MAY_DRAW',
      [],
      ['D'],
    ],
    [
      'two recipients only one giver may draw',
      {
        participants: ['A', 'B', 'C', 'D', 'E'],
        exclusions: [
          ['B', 'C'],
          ['B', 'D'],
          ['E', 'C'],
          ['E', 'D'],
          ['C', 'D'],
          ['D', 'C'],
        ],
      },
      'GROUP_TOO_FEW_GIVERS',
      ['A'],
      ['C', 'D'],
    ],
    [
      'closed group under the loop rule',
      {
        households: [],
        exclusions: [
          ['A', 'C'],
          ['A', 'D'],
          ['B', 'C'],
          ['B', 'D'],
        ],
        rules: { noReciprocal: false, singleLoop: true, avoidPast: 0 },
      },
      'CLOSED_GROUP',
      ['A', 'B'],
      [],
    ],
  ] as const)('%s', (_, extra, code, givers, recipients) => {
    const problem: DrawProblem = {
      participants: ['A', 'B', 'C', 'D'],
      exclusions: [],
      households: [],
      history: [],
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
      ...(extra as Partial<DrawProblem>),
    };
    const outcome = drawAssignments(problem, seededRandom(1));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe(code);
    expect([...outcome.givers].sort()).toEqual([...givers]);
    expect([...outcome.recipients].sort()).toEqual([...recipients]);
  });
});
