import { forbiddenCount, isAllowed, type ConstraintModel } from './constraints.js';
import { shrinkViolator, transposeModel } from './hall.js';
import { completeMatching, type StuckSearch } from './matching.js';
import type { InfeasibleCode } from './types.js';

/** The reason no draw exists, with people as participant indexes. */
export interface Diagnosis {
  code: InfeasibleCode;
  givers: number[];
  recipients: number[];
}

/** Finds the cheap reasons first: too few people, a giver with no choice, a recipient nobody may draw. */
export function diagnoseBasics(model: ConstraintModel): Diagnosis | undefined {
  const { size } = model;
  if (size < 2 || (model.noReciprocal && size < 3)) {
    const everyone = Array.from({ length: size }, (_, i) => i);
    return { code: 'TOO_FEW_PARTICIPANTS', givers: everyone, recipients: [] };
  }

  for (let g = 0; g < size; g++) {
    if (forbiddenCount(model, g) >= size) return { code: 'NOBODY_TO_DRAW', givers: [g], recipients: [] };
  }

  // Givers who may not draw r: r's household (or r alone) and every exclusion naming r. Counted
  // straight from the index, which is cheaper than transposing it at 100,000 people.
  const excludedBy = new Int32Array(size);
  for (let i = 0; i < model.forbidTargets.length; i++) excludedBy[model.forbidTargets[i]!]! += 1;
  for (let r = 0; r < size; r++) {
    const h = model.household[r]!;
    const own = h === -1 ? 1 : model.householdStart[h + 1]! - model.householdStart[h]!;
    if (own + excludedBy[r]! >= size) return { code: 'NOBODY_MAY_DRAW', givers: [], recipients: [r] };
  }
  return undefined;
}

/**
 * Explains why no assignment exists, from a stuck augmenting search over `recipientOf`. Returns the
 * smaller of two groups, each shrunk so that no member can be dropped: k givers who may only draw
 * fewer than k people, or k recipients whom fewer than k givers may draw.
 */
export function explainNoAssignment(
  model: ConstraintModel,
  recipientOf: Int32Array,
  stuck: StuckSearch,
): Diagnosis {
  const giverSide = shrinkViolator(model, stuck.from);

  const transposed = transposeModel(model);
  const giverOf = new Int32Array(model.size).fill(-1);
  for (let g = 0; g < model.size; g++) if (recipientOf[g] !== -1) giverOf[recipientOf[g]!] = g;
  const stuckRecipient = completeMatching(transposed, giverOf);

  if (stuckRecipient !== undefined) {
    // In the transposed model the "givers" are recipients and the "recipients" their givers.
    const recipientSide = shrinkViolator(transposed, stuckRecipient.from);
    if (recipientSide.givers.length < giverSide.givers.length) {
      const recipients = recipientSide.givers;
      const givers = recipientSide.recipients;
      if (givers.length === 0) return { code: 'NOBODY_MAY_DRAW', givers, recipients };
      return { code: 'GROUP_TOO_FEW_GIVERS', givers, recipients };
    }
  }

  const { givers, recipients } = giverSide;
  if (recipients.length === 0) return { code: 'NOBODY_TO_DRAW', givers, recipients };
  return { code: 'GROUP_TOO_FEW_RECIPIENTS', givers, recipients };
}

/**
 * Finds a group that may only give among itself, which rules out one loop through everyone.
 * Returns undefined when everyone can reach everyone through allowed pairings.
 */
export function findClosedGroup(model: ConstraintModel): number[] | undefined {
  const { size } = model;
  let closed = reachable(model, 0);
  if (closed.length === size) {
    // Everyone is reachable from 0; those who cannot reach 0 form a closed group, if any.
    const reachesZero = new Set(reachable(transposeModel(model), 0));
    if (reachesZero.size === size) return undefined;
    closed = [];
    for (let v = 0; v < size; v++) if (!reachesZero.has(v)) closed.push(v);
  }

  // Everything reachable from inside a closed group stays inside; narrow it towards the smallest.
  for (let round = 0; round < 8; round++) {
    const inner = reachable(model, closed[closed.length - 1]!);
    if (inner.length >= closed.length) break;
    closed = inner;
  }
  return closed.sort((a, b) => a - b);
}

/** Breadth-first search over allowed pairings, scanning only the people not yet reached. */
function reachable(model: ConstraintModel, start: number): number[] {
  const unreached: number[] = [];
  for (let v = 0; v < model.size; v++) if (v !== start) unreached.push(v);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const g = queue[head]!;
    let k = 0;
    while (k < unreached.length) {
      const r = unreached[k]!;
      if (!isAllowed(model, g, r)) {
        k += 1;
        continue;
      }
      unreached[k] = unreached[unreached.length - 1]!;
      unreached.pop();
      queue.push(r);
    }
  }
  return queue;
}
