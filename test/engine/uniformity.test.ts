import { describe, expect, it } from 'vitest';
import { drawAssignments } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawProblem, DrawRules } from '../../src/engine/types.js';
import { enumerateValidDraws } from './brute-force.js';

const PLAIN: DrawRules = { noReciprocal: false, singleLoop: false, avoidPast: 0 };

function problem(people: string, extra: Partial<DrawProblem> = {}): DrawProblem {
  return {
    participants: people.split(''),
    exclusions: [],
    households: [],
    rules: PLAIN,
    history: [],
    ...extra,
  };
}

/** Upper 0.1 % point of chi-square with `df` degrees of freedom (Wilson-Hilferty approximation). */
function chiSquareCritical(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

const instances: [string, DrawProblem][] = [
  ['4 people, no constraint', problem('ABCD')],
  [
    '5 people, exclusions and a household',
    problem('ABCDE', {
      exclusions: [
        ['A', 'B'],
        ['C', 'A'],
      ],
      households: [['D', 'E']],
    }),
  ],
  [
    '6 people, households, no reciprocal',
    problem('ABCDEF', {
      households: [
        ['A', 'B'],
        ['C', 'D'],
      ],
      rules: { ...PLAIN, noReciprocal: true },
    }),
  ],
  [
    '5 people, single loop, exclusion',
    problem('ABCDE', {
      exclusions: [
        ['A', 'B'],
        ['B', 'C'],
      ],
      rules: { ...PLAIN, singleLoop: true },
    }),
  ],
  [
    '6 people, avoid last year',
    problem('ABCDEF', {
      rules: { ...PLAIN, avoidPast: 1 },
      history: [
        {
          label: '2025',
          pairs: [
            ['A', 'B'],
            ['B', 'C'],
            ['C', 'A'],
            ['D', 'E'],
            ['E', 'F'],
            ['F', 'D'],
          ],
        },
      ],
    }),
  ],
  [
    '7 people, everything but the loop',
    problem('ABCDEFG', {
      exclusions: [
        ['A', 'G'],
        ['G', 'A'],
        ['B', 'C'],
      ],
      households: [['C', 'D', 'E']],
      rules: { ...PLAIN, noReciprocal: true },
    }),
  ],
  [
    '7 people, single loop, household',
    problem('ABCDEFG', { households: [['A', 'B', 'C']], rules: { ...PLAIN, singleLoop: true } }),
  ],
];

describe('draw uniformity', () => {
  it.each(instances)('%s', (_, instance) => {
    const valid = enumerateValidDraws(instance).map((pairs) => JSON.stringify(pairs));
    const counts = new Map(valid.map((key) => [key, 0]));
    const samples = Math.max(40 * valid.length, 4_000);
    const random = seededRandom(2026);

    for (let i = 0; i < samples; i++) {
      const outcome = drawAssignments(instance, random);
      if (!outcome.ok) throw new Error(`draw ${i} failed with ${outcome.code}`);
      expect(outcome.method).toBe('uniform');
      const key = JSON.stringify(outcome.pairs);
      expect(counts.has(key)).toBe(true);
      counts.set(key, counts.get(key)! + 1);
    }

    const expected = samples / valid.length;
    let chiSquare = 0;
    for (const observed of counts.values()) chiSquare += (observed - expected) ** 2 / expected;
    expect(valid.length).toBeGreaterThan(1);
    expect(chiSquare).toBeLessThan(chiSquareCritical(valid.length - 1));
  });
});
