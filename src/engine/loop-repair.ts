import { isAllowed, type ConstraintModel } from './constraints.js';
import type { RandomSource } from './random.js';

/** Random positions tried for one broken link before giving up on the instance. */
const PARTNER_TRIES = 64;

/**
 * Finds a single loop through everyone near a uniform random loop.
 *
 * The loop is kept as an order of people, each giving to the next and the last to the first, so
 * that swapping two people's places always keeps one loop. A uniform shuffle of the order is a
 * uniform loop. Each forbidden link is then mended by swapping one of its ends with a random person,
 * chosen so that every link the swap touches becomes allowed. The result is close to uniform but not exactly so, and
 * this can fail on instances that have a loop (finding one is NP-hard in general).
 *
 * Returns recipient indexes by giver index, or undefined when it failed.
 */
export function drawLoopBySwapRepair(model: ConstraintModel, random: RandomSource): Int32Array | undefined {
  const { size } = model;
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  for (let i = size - 1; i > 0; i--) swapPlaces(order, i, random.nextInt(i + 1));

  const budget = PARTNER_TRIES * (size + 16);
  let spent = 0;
  for (let pass = 0; pass < 4; pass++) {
    let clean = true;
    for (let i = 0; i < size; i++) {
      if (linkAllowed(model, order, i)) continue;
      clean = false;
      const mended = mendLink(model, random, order, i);
      spent += mended;
      if (spent > budget) return undefined;
    }
    if (clean) return toRecipients(order);
  }
  return undefined;
}

/** Returns whether the link from place i to the next place is allowed. */
function linkAllowed(model: ConstraintModel, order: Int32Array, i: number): boolean {
  const next = i + 1 === order.length ? 0 : i + 1;
  return isAllowed(model, order[i]!, order[next]!);
}

/** Tries to mend the link after place i; returns the tries spent. */
function mendLink(model: ConstraintModel, random: RandomSource, order: Int32Array, i: number): number {
  const size = order.length;
  for (let k = 1; k <= PARTNER_TRIES; k++) {
    // Move either end of the broken link.
    const place = random.nextInt(2) === 0 ? i : (i + 1) % size;
    const other = random.nextInt(size);
    if (other === place) continue;

    const touched = touchedLinks(size, place, other);
    swapPlaces(order, place, other);
    if (countBroken(model, order, touched) === 0) return k;
    swapPlaces(order, place, other);
  }
  return PARTNER_TRIES;
}

/** Returns the links (named by their starting place) that change when two places swap people. */
function touchedLinks(size: number, a: number, b: number): number[] {
  const links = new Set<number>();
  for (const place of [a, b]) {
    links.add((place - 1 + size) % size);
    links.add(place);
  }
  return [...links];
}

function countBroken(model: ConstraintModel, order: Int32Array, links: readonly number[]): number {
  let broken = 0;
  for (const i of links) if (!linkAllowed(model, order, i)) broken += 1;
  return broken;
}

function swapPlaces(order: Int32Array, i: number, j: number): void {
  const held = order[i]!;
  order[i] = order[j]!;
  order[j] = held;
}

function toRecipients(order: Int32Array): Int32Array {
  const recipientOf = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) recipientOf[order[i]!] = order[(i + 1) % order.length]!;
  return recipientOf;
}
