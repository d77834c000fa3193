import { forbiddenCount, isAllowed, type ConstraintModel } from './constraints.js';
import type { RandomSource } from './random.js';

/** The plan for rejection sampling: how many tries the budget allows and the work each costs. */
export interface RejectionPlan {
  /** Estimated probability that one uniform permutation (or loop) is a valid draw. */
  acceptance: number;
  /** Estimated steps one try costs, counting that a try stops at its first broken rule. */
  stepsPerTry: number;
  /** Tries the budget allows. */
  tries: number;
  /** Whether the budget gives a good chance of success, so that the tries are worth spending. */
  worthwhile: boolean;
}

/**
 * Estimates the acceptance rate from the constraint density and sizes the tries to the budget.
 *
 * Each giver draws a near-uniform recipient, so the number of broken pairings is close to Poisson
 * with mean lambda = (forbidden pairings) / size, and a try succeeds with probability about
 * exp(-lambda). The no-reciprocal rule adds about half a pair of mutual draws on average.
 */
export function planRejection(model: ConstraintModel, budget: number): RejectionPlan {
  const { size } = model;
  let forbidden = 0;
  for (let g = 0; g < size; g++) forbidden += forbiddenCount(model, g);

  // A uniform loop never draws oneself and, from 3 people on, never has a mutual pair.
  const choices = model.singleLoop ? size - 1 : size;
  const broken = model.singleLoop ? (forbidden - size) / Math.max(1, choices) : forbidden / size;
  const mutual = model.noReciprocal && !model.singleLoop ? 0.5 : 0;
  const acceptance = Math.exp(-(broken + mutual));

  const stepsPerTry = Math.max(1, Math.min(size, size / Math.max(1e-9, broken + mutual)));
  const tries = Math.max(1, Math.floor(budget / stepsPerTry));
  // Spend the budget only when it covers the expected number of tries.
  const worthwhile = tries * acceptance >= 1;
  return { acceptance, stepsPerTry, tries, worthwhile };
}

/**
 * Draws uniform permutations (uniform single loops with the loop rule) until one is valid or the
 * tries run out. Accepted draws are exactly uniform over the valid draws, because every try is an
 * independent uniform sample and rejection keeps the valid ones with equal weight.
 *
 * Each try is a Fisher-Yates shuffle (Sattolo's variant for one loop) that checks each assignment as
 * soon as it is final and stops at the first broken rule. Its swaps are then undone, so a failed try
 * costs only the steps it took, not a fresh array.
 *
 * Returns recipient indexes by giver index, or undefined when no try succeeded.
 */
export function sampleByRejection(
  model: ConstraintModel,
  random: RandomSource,
  tries: number,
): Int32Array | undefined {
  const { size } = model;
  const recipient = new Int32Array(size);
  for (let i = 0; i < size; i++) recipient[i] = i;
  const swappedWith = new Int32Array(size);

  for (let attempt = 0; attempt < tries; attempt++) {
    const done = model.singleLoop
      ? shuffleLoopChecked(model, random, recipient, swappedWith)
      : shufflePermutationChecked(model, random, recipient, swappedWith);
    if (done === size) return recipient;

    // Undo the swaps of the failed try, newest first, to get the identity back.
    for (let step = done; step >= 0; step--) {
      const i = size - 1 - step;
      swapInto(recipient, i, swappedWith[step]!);
    }
  }
  return undefined;
}

/** Returns `size` after a full valid shuffle, else the step at which the try was rejected. */
function shufflePermutationChecked(
  model: ConstraintModel,
  random: RandomSource,
  recipient: Int32Array,
  swappedWith: Int32Array,
): number {
  const { size } = model;
  for (let step = 0; step < size; step++) {
    const i = size - 1 - step;
    const j = random.nextInt(i + 1);
    swappedWith[step] = j;
    const r = swapInto(recipient, i, j);

    // recipient[i] is final from here on, and so are the positions above i.
    if (!isAllowed(model, i, r)) return step;
    if (model.noReciprocal && r > i && recipient[r] === i) return step;
  }
  return size;
}

/** Sattolo's algorithm: a uniform permutation with one cycle through everyone. */
function shuffleLoopChecked(
  model: ConstraintModel,
  random: RandomSource,
  recipient: Int32Array,
  swappedWith: Int32Array,
): number {
  const { size } = model;
  for (let step = 0; step < size - 1; step++) {
    const i = size - 1 - step;
    const j = random.nextInt(i);
    swappedWith[step] = j;
    const r = swapInto(recipient, i, j);
    if (!isAllowed(model, i, r)) return step;
  }

  // The last step swaps position 0 with itself; record it so that the undo loop covers every step.
  swappedWith[size - 1] = 0;
  if (!isAllowed(model, 0, recipient[0]!)) return size - 1;
  return size;
}

/** Swaps positions i and j and returns the value now at i. */
function swapInto(values: Int32Array, i: number, j: number): number {
  const moved = values[j]!;
  values[j] = values[i]!;
  values[i] = moved;
  return moved;
}
