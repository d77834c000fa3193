import type { IdTable } from './id-table.js';
import { numberProblem, type NumberedPairs, type NumberedProblem } from './numbering.js';
import type { DrawProblem, DrawRules, PastExchange, PersonId } from './types.js';

/**
 * The constraints of one draw, indexed by participant position (0..size-1).
 *
 * Only the forbidden pairings are stored, never the allowed ones: at 100,000 people an allowed
 * matrix would need 10^10 cells, while the exclusions, households and history stay a few per person.
 * Households are kept as groups, so a large household costs its size and not its size squared.
 */
export interface ConstraintModel {
  readonly size: number;
  readonly ids: readonly PersonId[];
  readonly indexOf: IdTable;
  /** Household number of each person, or -1 for none. */
  readonly household: Int32Array;
  /** Members of household h are householdMembers[householdStart[h] .. householdStart[h+1]). */
  readonly householdStart: Int32Array;
  readonly householdMembers: Int32Array;
  /**
   * Forbidden recipients of giver g, apart from g and g's household, sorted without duplicates:
   * forbidTargets[forbidStart[g] .. forbidStart[g+1]).
   */
  readonly forbidStart: Int32Array;
  readonly forbidTargets: Int32Array;
  readonly noReciprocal: boolean;
  readonly singleLoop: boolean;
}

/**
 * Indexes a problem's participants, exclusions, households and the given past exchanges.
 * Ids that are not participants are ignored, and a repeated participant counts once.
 */
export function buildModel(problem: DrawProblem, avoided: readonly PastExchange[]): ConstraintModel {
  const numbered = numberProblem({
    ...problem,
    history: avoided,
    rules: { ...problem.rules, avoidPast: avoided.length },
  });
  return buildNumberedModel(numbered, problem.rules, avoided.length);
}

/** Like `buildModel`, from a problem already numbered, avoiding its first `kept` past exchanges. */
export function buildNumberedModel(
  numbered: NumberedProblem,
  rules: DrawRules,
  kept: number,
): ConstraintModel {
  const { ids, indexOf } = numbered;
  const size = ids.length;

  const household = new Int32Array(size).fill(-1);
  const extra: number[] = [];
  const starts: number[] = [0];
  const members: number[] = [];
  const seenIn = new Int32Array(size).fill(-1);
  const group: number[] = [];
  const listCount = numbered.householdStart.length - 1;
  for (let listIndex = 0; listIndex < listCount; listIndex++) {
    group.length = 0;
    for (let i = numbered.householdStart[listIndex]!; i < numbered.householdStart[listIndex + 1]!; i++) {
      const person = numbered.householdMembers[i]!;
      if (person === -1 || seenIn[person] === listIndex) continue;
      seenIn[person] = listIndex;
      group.push(person);
    }
    if (group.length < 2) continue;

    const number = starts.length - 1;
    for (const person of group) {
      if (household[person] === -1) {
        household[person] = number;
        members.push(person);
        continue;
      }
      // A person in a second household: spell that household out as exclusions both ways.
      for (const other of group) if (other !== person) extra.push(person, other, other, person);
    }
    starts.push(members.length);
  }
  const householdStart = Int32Array.from(starts);
  const householdMembers = Int32Array.from(members);

  const extraPairs: NumberedPairs = {
    givers: Int32Array.from({ length: extra.length / 2 }, (_, i) => extra[2 * i]!),
    recipients: Int32Array.from({ length: extra.length / 2 }, (_, i) => extra[2 * i + 1]!),
  };
  const sources = [numbered.exclusions, extraPairs, ...numbered.history.slice(0, kept)];
  const { start, targets } = indexForbidden(size, household, sources);

  return {
    size,
    ids,
    indexOf,
    household,
    householdStart,
    householdMembers,
    forbidStart: start,
    forbidTargets: targets,
    noReciprocal: rules.noReciprocal,
    singleLoop: rules.singleLoop,
  };
}

/** Returns whether giver g may draw recipient r under the model. */
export function isAllowed(model: ConstraintModel, g: number, r: number): boolean {
  if (g === r) return false;
  const h = model.household[g]!;
  if (h !== -1 && h === model.household[r]) return false;

  const targets = model.forbidTargets;
  let low = model.forbidStart[g]!;
  let high = model.forbidStart[g + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = targets[middle]!;
    if (value === r) return false;
    if (value < r) low = middle + 1;
    else high = middle - 1;
  }
  return true;
}

/** Calls `visit` for every recipient giver g may not draw: g, g's household and g's exclusions. */
export function forEachForbidden(model: ConstraintModel, g: number, visit: (r: number) => void): void {
  const h = model.household[g]!;
  if (h === -1) visit(g);
  else
    for (let i = model.householdStart[h]!; i < model.householdStart[h + 1]!; i++)
      visit(model.householdMembers[i]!);
  for (let i = model.forbidStart[g]!; i < model.forbidStart[g + 1]!; i++) visit(model.forbidTargets[i]!);
}

/** Counts the recipients giver g may not draw, g included. */
export function forbiddenCount(model: ConstraintModel, g: number): number {
  const h = model.household[g]!;
  const own = h === -1 ? 1 : model.householdStart[h + 1]! - model.householdStart[h]!;
  return own + model.forbidStart[g + 1]! - model.forbidStart[g]!;
}

function indexForbidden(
  size: number,
  household: Int32Array,
  sources: readonly NumberedPairs[],
): { start: Int32Array; targets: Int32Array } {
  const counts = new Int32Array(size + 1);

  // Two passes over the numbered pairs, counting then placing them by giver (a counting sort).
  // Unknown people are dropped here, and self and household pairs below, once the list is local.
  for (const pairs of sources) {
    const { givers, recipients } = pairs;
    for (let i = 0; i < givers.length; i++) {
      const g = givers[i]!;
      if (g !== -1 && recipients[i] !== -1) counts[g + 1]! += 1;
    }
  }
  for (let g = 0; g < size; g++) counts[g + 1]! += counts[g]!;
  const cursor = counts.slice(0, size);
  const sorted = new Int32Array(counts[size]!);
  for (const pairs of sources) {
    const { givers, recipients } = pairs;
    for (let i = 0; i < givers.length; i++) {
      const g = givers[i]!;
      const r = recipients[i]!;
      if (g !== -1 && r !== -1) sorted[cursor[g]!++] = r;
    }
  }

  // Sort each giver's short list, dropping repeats and pairs already forbidden by self or household.
  const start = new Int32Array(size + 1);
  let write = 0;
  for (let g = 0; g < size; g++) {
    const from = counts[g]!;
    const to = counts[g + 1]!;
    const h = household[g]!;
    sortRange(sorted, from, to);
    start[g] = write;
    for (let i = from; i < to; i++) {
      const value = sorted[i]!;
      if (i > from && value === sorted[i - 1]) continue;
      if (value === g || (h !== -1 && household[value] === h)) continue;
      sorted[write++] = value;
    }
  }
  start[size] = write;
  return { start, targets: sorted.slice(0, write) };
}

/** Insertion sort, fast for the few forbidden recipients each giver has. */
function sortRange(values: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= from && values[j]! > value) {
      values[j + 1] = values[j]!;
      j -= 1;
    }
    values[j + 1] = value;
  }
}
