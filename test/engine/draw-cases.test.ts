import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

interface DrawCase {
  description: string;
  participants: string[];
  exclusions?: [string, string][];
  households?: string[][];
  history?: { year: number; pairs: [string, string][] }[];
  rules?: { noReciprocal?: boolean; singleCycle?: boolean; avoidPastYears?: number };
  draw?: Record<string, string>;
  withdraw?: string;
  expect: { feasible: boolean; mustName?: string[]; maxChangedGivers?: number };
}

const folder = fileURLToPath(new URL('../fixtures/draw-cases/', import.meta.url));
const cases = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, data: JSON.parse(readFileSync(folder + name, 'utf8')) as DrawCase }));

/** Turns a case file into the engine's problem; `year` becomes the exchange label. */
export function problemOf(data: DrawCase): DrawProblem {
  return {
    participants: data.participants,
    exclusions: data.exclusions ?? [],
    households: data.households ?? [],
    rules: {
      noReciprocal: data.rules?.noReciprocal ?? false,
      singleLoop: data.rules?.singleCycle ?? false,
      avoidPast: data.rules?.avoidPastYears ?? 0,
    },
    history: (data.history ?? []).map((exchange) => ({ label: String(exchange.year), pairs: exchange.pairs })),
  };
}

const drawCases = cases.filter((c) => c.data.withdraw === undefined);

describe('draw cases', () => {
  it.each(drawCases)('$name', ({ data }) => {
    const problem = problemOf(data);
    for (let seed = 1; seed <= 20; seed++) {
      const outcome = drawAssignments(problem, seededRandom(seed));
      expect(outcome.ok).toBe(data.expect.feasible);

      if (outcome.ok) {
        expect(isValidDraw(problem, outcome.pairs as Pair[])).toBe(true);
        expect(outcome.relaxedHistory).toEqual([]);
      } else {
        const named = new Set([...outcome.givers, ...outcome.recipients]);
        expect([...named].sort()).toEqual([...(data.expect.mustName ?? [])].sort());
      }
    }
  });
});
