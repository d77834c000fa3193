import { isAllowed, type ConstraintModel } from './constraints.js';
import type { RandomSource } from './random.js';

/** found: a valid draw; exhausted: proven that none exists; budget: stopped before either. */
export type SearchResult =
  { kind: 'found'; recipientOf: Int32Array } | { kind: 'exhausted' } | { kind: 'budget' };

/**
 * Searches every draw by backtracking, honouring all rules, until it finds one, proves there is none,
 * or has checked `budget` candidate assignments. Candidates are tried in random order, so a found
 * draw varies between calls, but it is not uniform.
 *
 * Without the loop rule the next giver is the one with the fewest candidates left, and a branch
 * stops as soon as some giver or recipient has no candidate. With it, the loop is grown as a path
 * from the first person and closed at the end.
 */
export function searchDraw(model: ConstraintModel, random: RandomSource, budget: number): SearchResult {
  const state = { steps: 0, budget };
  const recipientOf = new Int32Array(model.size).fill(-1);
  const outcome = model.singleLoop
    ? searchLoop(model, random, recipientOf, state)
    : searchAssignments(model, random, recipientOf, new Uint8Array(model.size), state);
  if (outcome === true) return { kind: 'found', recipientOf };
  return outcome === false ? { kind: 'exhausted' } : { kind: 'budget' };
}

interface Spend {
  steps: number;
  budget: number;
}

/** Returns true when found, false when this branch has no draw, 'budget' when out of steps. */
function searchAssignments(
  model: ConstraintModel,
  random: RandomSource,
  recipientOf: Int32Array,
  taken: Uint8Array,
  spend: Spend,
): boolean | 'budget' {
  const { size } = model;
  let best = -1;
  let bestCandidates: number[] = [];
  for (let g = 0; g < size; g++) {
    if (recipientOf[g] !== -1) continue;
    const candidates = candidatesOf(model, recipientOf, taken, g);
    spend.steps += size;
    if (candidates.length === 0) return false;
    if (best === -1 || candidates.length < bestCandidates.length) {
      best = g;
      bestCandidates = candidates;
    }
  }
  if (best === -1) return true;
  if (spend.steps > spend.budget) return 'budget';
  if (!everyRecipientReachable(model, recipientOf, taken)) return false;

  shuffle(bestCandidates, random);
  for (const r of bestCandidates) {
    recipientOf[best] = r;
    taken[r] = 1;
    const outcome = searchAssignments(model, random, recipientOf, taken, spend);
    if (outcome !== false) return outcome;
    recipientOf[best] = -1;
    taken[r] = 0;
  }
  return false;
}

function candidatesOf(
  model: ConstraintModel,
  recipientOf: Int32Array,
  taken: Uint8Array,
  g: number,
): number[] {
  const candidates: number[] = [];
  for (let r = 0; r < model.size; r++) {
    if (taken[r] === 1 || !isAllowed(model, g, r)) continue;
    if (model.noReciprocal && recipientOf[r] === g) continue;
    candidates.push(r);
  }
  return candidates;
}

function everyRecipientReachable(
  model: ConstraintModel,
  recipientOf: Int32Array,
  taken: Uint8Array,
): boolean {
  for (let r = 0; r < model.size; r++) {
    if (taken[r] === 1) continue;
    let reachable = false;
    for (let g = 0; g < model.size && !reachable; g++) {
      reachable =
        recipientOf[g] === -1 && isAllowed(model, g, r) && !(model.noReciprocal && recipientOf[r] === g);
    }
    if (!reachable) return false;
  }
  return true;
}

function searchLoop(
  model: ConstraintModel,
  random: RandomSource,
  recipientOf: Int32Array,
  spend: Spend,
): boolean | 'budget' {
  const { size } = model;
  const onPath = new Uint8Array(size);
  onPath[0] = 1;

  const extend = (current: number, length: number): boolean | 'budget' => {
    if (length === size) return isAllowed(model, current, 0);
    if (spend.steps > spend.budget) return 'budget';

    const next: number[] = [];
    for (let r = 1; r < size; r++) if (onPath[r] === 0 && isAllowed(model, current, r)) next.push(r);
    spend.steps += size;
    shuffle(next, random);

    for (const r of next) {
      recipientOf[current] = r;
      onPath[r] = 1;
      const outcome = extend(r, length + 1);
      if (outcome !== false) return outcome;
      onPath[r] = 0;
    }
    recipientOf[current] = -1;
    return false;
  };

  const outcome = extend(0, 1);
  if (outcome === true) {
    // Close the loop: the last person on the path gives to the first.
    for (let g = 0; g < size; g++) if (recipientOf[g] === -1) recipientOf[g] = 0;
  }
  return outcome;
}

function shuffle(values: number[], random: RandomSource): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}
