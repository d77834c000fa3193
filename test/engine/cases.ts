import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DrawProblem } from '../../src/engine/types.js';

/** One JSON file of test/fixtures/draw-cases, in the fixture's own field names. */
export interface DrawCase {
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

/** Loads every draw case file, sorted by name. */
export function loadDrawCases(): { name: string; data: DrawCase }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, data: JSON.parse(readFileSync(folder + name, 'utf8')) as DrawCase }));
}

/** Turns a case into the engine's problem; the year of a past exchange becomes its label. */
export function problemOf(data: DrawCase, participants = data.participants): DrawProblem {
  return {
    participants,
    exclusions: data.exclusions ?? [],
    households: data.households ?? [],
    rules: {
      noReciprocal: data.rules?.noReciprocal ?? false,
      singleLoop: data.rules?.singleCycle ?? false,
      avoidPast: data.rules?.avoidPastYears ?? 0,
    },
    history: (data.history ?? []).map((exchange) => ({
      label: String(exchange.year),
      pairs: exchange.pairs,
    })),
  };
}
