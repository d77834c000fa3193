import { seededRandom, type RandomSource } from '../src/engine/random.js';
import type { DrawProblem, Pair, PersonId } from '../src/engine/types.js';

/** The shape of one benchmark instance. */
export interface InstanceSpec {
  label: string;
  people: number;
  exclusionsPerPerson: number;
}

export const INSTANCE_SPECS: readonly InstanceSpec[] = [
  { label: '100', people: 100, exclusionsPerPerson: 5 },
  { label: '1,000', people: 1_000, exclusionsPerPerson: 5 },
  { label: '10,000', people: 10_000, exclusionsPerPerson: 5 },
  { label: '100,000', people: 100_000, exclusionsPerPerson: 5 },
  { label: '1,000 dense', people: 1_000, exclusionsPerPerson: 10 },
];

const PAST_YEARS = 3;

/**
 * Builds a benchmark instance from a seed: households of 2 to 4 people, the given number of one-way
 * exclusions per person (to people outside their household), the no-reciprocal rule, and three past
 * exchanges to avoid, each a random single loop.
 */
export function generateInstance(
  spec: InstanceSpec,
  seed: number,
): DrawProblem & { householdOf: Int32Array } {
  const random = seededRandom(seed);
  const n = spec.people;
  const participants: PersonId[] = Array.from({ length: n }, (_, i) => `person-${i}`);

  const households: PersonId[][] = [];
  const householdOf = new Int32Array(n);
  for (let start = 0; start < n;) {
    const size = Math.min(n - start, 2 + random.nextInt(3));
    households.push(participants.slice(start, start + size));
    for (let i = start; i < start + size; i++) householdOf[i] = households.length - 1;
    start += size;
  }

  const exclusions: Pair[] = [];
  for (let g = 0; g < n; g++) {
    const chosen = new Set<number>();
    while (chosen.size < spec.exclusionsPerPerson) {
      const r = random.nextInt(n);
      if (householdOf[r] !== householdOf[g]) chosen.add(r);
    }
    for (const r of chosen) exclusions.push([participants[g]!, participants[r]!]);
  }

  const history = Array.from({ length: PAST_YEARS }, (_, year) => ({
    label: String(2025 - year),
    pairs: randomLoop(participants, random),
  }));

  return {
    participants,
    exclusions,
    households,
    rules: { noReciprocal: true, singleLoop: false, avoidPast: PAST_YEARS },
    history,
    householdOf,
  };
}

function randomLoop(people: readonly PersonId[], random: RandomSource): Pair[] {
  const order = [...people];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((giver, i) => [giver, order[(i + 1) % order.length]!] as Pair);
}
