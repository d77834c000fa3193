import type { RandomSource } from './random.js';

/** Candidate groups of extra givers checked per group size; below this, every group is checked. */
export const MAX_CANDIDATES = 4_000;

/** Yields groups of `extra` distinct givers: all of them in random order if few, else random samples. */
export function* candidateGroups(
  others: readonly number[],
  extra: number,
  random: RandomSource,
): Generator<number[]> {
  if (extra === 0) {
    yield [];
    return;
  }
  const total = combinations(others.length, extra);
  if (total <= MAX_CANDIDATES) {
    const all: number[][] = [];
    const pick = (from: number, chosen: number[]): void => {
      if (chosen.length === extra) return void all.push([...chosen]);
      for (let i = from; i < others.length; i++) pick(i + 1, [...chosen, others[i]!]);
    };
    pick(0, []);
    shuffle(all, random);
    yield* all;
    return;
  }
  for (let k = 0; k < MAX_CANDIDATES; k++) {
    const group = new Set<number>();
    while (group.size < extra) group.add(others[random.nextInt(others.length)]!);
    yield [...group];
  }
}

function combinations(n: number, k: number): number {
  let total = 1;
  for (let i = 0; i < k; i++) total = (total * (n - i)) / (i + 1);
  return total;
}

export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
  );
}

export function shuffle<T>(values: T[], random: RandomSource): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}
