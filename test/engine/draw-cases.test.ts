import { describe, expect, it } from 'vitest';
import { drawAssignments, isValidDraw, repairDraw } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/random.js';
import type { Pair } from '../../src/engine/types.js';
import { loadDrawCases, problemOf } from './cases.js';

const cases = loadDrawCases();
const drawCases = cases.filter((c) => c.data.withdraw === undefined);
const repairCases = cases.filter((c) => c.data.withdraw !== undefined);

describe('draw cases', () => {
  it('finds every case file', () => {
    expect(drawCases.length).toBe(7);
    expect(repairCases.length).toBe(1);
  });

  it.each(drawCases)('$name', ({ data }) => {
    const problem = problemOf(data);
    for (let seed = 1; seed <= 20; seed++) {
      const outcome = drawAssignments(problem, seededRandom(seed));
      expect(outcome.ok).toBe(data.expect.feasible);

      if (outcome.ok) {
        expect(isValidDraw(problem, outcome.pairs)).toBe(true);
        expect(outcome.relaxedHistory).toEqual([]);
      } else {
        const named = new Set([...outcome.givers, ...outcome.recipients]);
        expect([...named].sort()).toEqual([...(data.expect.mustName ?? [])].sort());
      }
    }
  });
});

describe('repair cases', () => {
  it.each(repairCases)('$name', ({ data }) => {
    const leaving = data.withdraw!;
    const before: Pair[] = Object.entries(data.draw ?? {});
    const problem = problemOf(
      data,
      data.participants.filter((id) => id !== leaving),
    );

    for (let seed = 1; seed <= 20; seed++) {
      const outcome = repairDraw(problem, before, { leave: leaving }, seededRandom(seed));
      expect(outcome.ok).toBe(data.expect.feasible);
      if (!outcome.ok) continue;

      expect(isValidDraw(problem, outcome.pairs)).toBe(true);
      expect(outcome.changedGivers.length).toBeLessThanOrEqual(data.expect.maxChangedGivers!);
      const changed = outcome.pairs.filter(([g, r]) => data.draw?.[g] !== r).map(([g]) => g);
      expect([...outcome.changedGivers].sort()).toEqual(changed.sort());
    }
  });
});
