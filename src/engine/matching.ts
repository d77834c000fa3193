import { isAllowed, type ConstraintModel } from './constraints.js';

/**
 * A set of people that can be scanned and removed from in O(1). A removed person moves to the
 * end of `items`, so setting `length` back refills the set.
 */
class RemovableSet {
  readonly items: Int32Array;
  private readonly position: Int32Array;
  length: number;

  constructor(size: number) {
    this.items = new Int32Array(size);
    this.position = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      this.items[i] = i;
      this.position[i] = i;
    }
    this.length = size;
  }

  remove(value: number): void {
    const at = this.position[value]!;
    const last = this.items[--this.length]!;
    this.items[at] = last;
    this.position[last] = at;
    this.items[this.length] = value;
    this.position[value] = this.length;
  }
}

/** The alternating tree of a failed augmenting search: a Hall violator on one side. */
export interface StuckSearch {
  /** The givers the search reached, the unmatched one first. */
  from: number[];
  /** Every recipient those givers may draw, all taken, one fewer than `from`. */
  reached: number[];
}

/**
 * Completes a partial assignment to a perfect one when one exists, using augmenting paths in the
 * allowed graph. `recipientOf[g]` is g's recipient or -1; it is updated in place.
 *
 * The allowed graph is the complement of the forbidden pairings, so each search scans the recipients
 * not yet reached and removes them as it goes: a scanned recipient is either reached (at most once)
 * or forbidden for the giver being expanded, so one search costs O(size + forbidden pairings).
 * Start from a nearly complete assignment: every free giver costs one search.
 *
 * Returns undefined when every giver is matched. Otherwise stops at the first giver that cannot be
 * matched and returns its search, which proves that no perfect assignment exists (Hall's condition).
 */
export function completeMatching(model: ConstraintModel, recipientOf: Int32Array): StuckSearch | undefined {
  const { size } = model;
  const giverOf = new Int32Array(size).fill(-1);
  for (let g = 0; g < size; g++) {
    const r = recipientOf[g]!;
    if (r !== -1) giverOf[r] = g;
  }

  const unreached = new RemovableSet(size);
  const parentGiver = new Int32Array(size).fill(-1);
  for (let g = 0; g < size; g++) {
    if (recipientOf[g] !== -1) continue;
    const stuck = augment(model, g, recipientOf, giverOf, unreached, parentGiver);
    if (stuck !== undefined) return stuck;
    // Removed people sit at the end of the set, so restoring the length refills it.
    unreached.length = size;
  }
  return undefined;
}

function augment(
  model: ConstraintModel,
  root: number,
  recipientOf: Int32Array,
  giverOf: Int32Array,
  unreached: RemovableSet,
  parentGiver: Int32Array,
): StuckSearch | undefined {
  const queue: number[] = [root];
  const reached: number[] = [];

  for (let head = 0; head < queue.length; head++) {
    const g = queue[head]!;
    let k = 0;
    while (k < unreached.length) {
      const r = unreached.items[k]!;
      if (!isAllowed(model, g, r)) {
        k += 1;
        continue;
      }
      unreached.remove(r);
      parentGiver[r] = g;
      reached.push(r);

      if (giverOf[r] === -1) {
        flipPath(r, parentGiver, recipientOf, giverOf);
        return undefined;
      }
      queue.push(giverOf[r]!);
    }
  }
  return { from: queue, reached };
}

function flipPath(end: number, parentGiver: Int32Array, recipientOf: Int32Array, giverOf: Int32Array): void {
  let r = end;
  while (r !== -1) {
    const g = parentGiver[r]!;
    const previous = recipientOf[g]!;
    recipientOf[g] = r;
    giverOf[r] = g;
    r = previous;
  }
}
