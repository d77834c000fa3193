import { buildNumberedModel, type ConstraintModel } from './constraints.js';
import { diagnoseBasics, explainNoAssignment, findClosedGroup, type Diagnosis } from './diagnose.js';
import { drawLoopBySwapRepair } from './loop-repair.js';
import type { RandomSource } from './random.js';
import { planRejection, sampleByRejection } from './rejection.js';
import { searchDraw } from './search.js';
import { drawBySwapRepair } from './swap-repair.js';
import type { DrawMethod, DrawOptions, DrawOutcome, DrawProblem, Pair } from './types.js';
import { numberProblem } from './numbering.js';
import { verifyNumberedDraw } from './verify.js';

/** Steps each of rejection sampling and the complete search may spend unless the caller says otherwise. */
export const DEFAULT_BUDGET = 2_000_000;
/**
 * Up to this many people, the loop and no-reciprocal rules are decided by complete search first.
 * NOTE: above it, impossibility under those rules is proven only when the search ends within the
 * budget; otherwise the result is NOT_FOUND_IN_BUDGET.
 */
const SEARCH_FIRST_SIZE = 12;

/**
 * Draws a recipient for every participant, or explains why no draw exists.
 *
 * Tries, in order: uniform rejection sampling when the constraint density lets the budget cover it
 * (`uniform`), then a swap repair of a random draw backed by an exact matching (`approximate`), then a
 * complete search. When avoiding past exchanges leaves no draw, the oldest of them is allowed again
 * first. Every draw passes `verifyDraw` before it is returned. Never throws for well-formed input and
 * always terminates, since each stage is bounded by the budget or by the size of the problem.
 * The pairs come in the order of `problem.participants`.
 */
export function drawAssignments(
  problem: DrawProblem,
  random: RandomSource,
  options: DrawOptions = {},
): DrawOutcome {
  const budget = Math.max(1, options.budget ?? DEFAULT_BUDGET);
  const avoided = problem.history.slice(0, Math.max(0, problem.rules.avoidPast));
  // Ids become numbers once; the constraint index and the verifier both read this lookup table.
  const numbered = numberProblem(problem);
  const relaxedHistory: string[] = [];
  let failure: Diagnosis | undefined;
  let model: ConstraintModel | undefined;

  for (let kept = avoided.length; kept >= 0; kept--) {
    model = buildNumberedModel(numbered, problem.rules, kept);
    const attempt = drawForModel(
      model,
      random,
      budget,
      (pairs) => verifyNumberedDraw(problem, numbered, pairs, relaxedHistory).length === 0,
    );
    if (attempt.ok)
      return { ok: true, pairs: attempt.pairs, method: attempt.method, relaxedHistory: [...relaxedHistory] };

    failure = attempt.diagnosis;
    if (kept > 0) relaxedHistory.push(avoided[kept - 1]!.label);
  }

  const ids = model?.ids ?? [];
  const diagnosis = failure ?? { code: 'NOT_FOUND_IN_BUDGET', givers: [], recipients: [] };
  return {
    ok: false,
    code: diagnosis.code,
    givers: diagnosis.givers.map((i) => ids[i]!),
    recipients: diagnosis.recipients.map((i) => ids[i]!),
    relaxedHistory,
  };
}

type Attempt = { ok: true; pairs: Pair[]; method: DrawMethod } | { ok: false; diagnosis: Diagnosis };

function drawForModel(
  model: ConstraintModel,
  random: RandomSource,
  budget: number,
  verify: (pairs: Pair[]) => boolean,
): Attempt {
  const basics = diagnoseBasics(model);
  if (basics !== undefined) return { ok: false, diagnosis: basics };

  const accept = (recipientOf: Int32Array | undefined, method: DrawMethod): Attempt | undefined => {
    if (recipientOf === undefined) return undefined;
    const pairs = toPairs(model, recipientOf);
    return verify(pairs) ? { ok: true, pairs, method } : undefined;
  };

  const hardRules = model.singleLoop || model.noReciprocal;
  let searched: Int32Array | undefined;
  if (hardRules && model.size <= SEARCH_FIRST_SIZE) {
    const search = searchDraw(model, random, budget);
    if (search.kind === 'exhausted')
      return { ok: false, diagnosis: diagnoseRules(model, random, 'exhausted') };
    if (search.kind === 'found') searched = search.recipientOf;
  }

  // Without the loop rule, the swap repair's matching proves or disproves that any assignment exists.
  let repaired: Int32Array | undefined;
  if (!model.singleLoop) {
    const outcome = drawBySwapRepair(model, random);
    if (outcome?.stuck !== undefined) {
      return { ok: false, diagnosis: explainNoAssignment(model, outcome.recipientOf, outcome.stuck) };
    }
    repaired = outcome?.recipientOf;
  }

  const plan = planRejection(model, budget);
  if (plan.worthwhile) {
    const uniform = accept(sampleByRejection(model, random, plan.tries), 'uniform');
    if (uniform !== undefined) return uniform;
  }

  const approximate =
    accept(repaired, 'approximate') ??
    (model.singleLoop ? accept(drawLoopBySwapRepair(model, random), 'approximate') : undefined) ??
    accept(searched, 'approximate');
  if (approximate !== undefined) return approximate;

  if (searched === undefined && model.size > SEARCH_FIRST_SIZE) {
    const search = searchDraw(model, random, budget);
    const found = search.kind === 'found' ? accept(search.recipientOf, 'approximate') : undefined;
    if (found !== undefined) return found;
    return {
      ok: false,
      diagnosis: diagnoseRules(model, random, search.kind === 'exhausted' ? 'exhausted' : 'budget'),
    };
  }
  return { ok: false, diagnosis: diagnoseRules(model, random, 'budget') };
}

/**
 * Explains a failure under the loop or no-reciprocal rule: first a group that no assignment can
 * serve, then (for one loop) a group that may only give among itself, then the search's verdict.
 */
function diagnoseRules(
  model: ConstraintModel,
  random: RandomSource,
  verdict: 'exhausted' | 'budget',
): Diagnosis {
  const plain = { ...model, noReciprocal: false, singleLoop: false };
  const outcome = drawBySwapRepair(plain, random);
  if (outcome?.stuck !== undefined) return explainNoAssignment(plain, outcome.recipientOf, outcome.stuck);

  if (model.singleLoop) {
    const closed = findClosedGroup(model);
    if (closed !== undefined) return { code: 'CLOSED_GROUP', givers: closed, recipients: [] };
  }

  const everyone = Array.from({ length: model.size }, (_, i) => i);
  return {
    code: verdict === 'exhausted' ? 'NO_VALID_LOOP' : 'NOT_FOUND_IN_BUDGET',
    givers: everyone,
    recipients: [],
  };
}

function toPairs(model: ConstraintModel, recipientOf: Int32Array): Pair[] {
  const pairs: Pair[] = new Array<Pair>(model.size);
  for (let g = 0; g < model.size; g++) pairs[g] = [model.ids[g]!, model.ids[recipientOf[g]!]!];
  return pairs;
}
