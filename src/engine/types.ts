/**
 * The allocation engine's input and output. Participants are opaque string ids; the caller maps them
 * to names when it explains a result to people.
 */

export type PersonId = string;

/** One giver -> recipient pair. */
export type Pair = readonly [giver: PersonId, recipient: PersonId];

export interface DrawRules {
  /** Forbids A->B together with B->A. Needs at least 3 people. */
  noReciprocal: boolean;
  /** Requires one loop through everyone instead of several smaller loops. */
  singleLoop: boolean;
  /** How many of the most recent past exchanges to avoid repeating pairings from (0 = off). */
  avoidPast: number;
}

/** The pairings of one earlier exchange of the same group. */
export interface PastExchange {
  /** Shown to people when this exchange's pairings had to be allowed again, for example "2025". */
  label: string;
  pairs: readonly Pair[];
}

export interface DrawProblem {
  participants: readonly PersonId[];
  /** One-way: the giver may not draw the recipient. A two-way exclusion is two pairs. */
  exclusions: readonly Pair[];
  /** Groups in which nobody draws anybody else. */
  households: readonly (readonly PersonId[])[];
  rules: DrawRules;
  /** Earlier exchanges, newest first. Only the first `rules.avoidPast` count. */
  history: readonly PastExchange[];
}

/**
 * uniform: every valid draw was equally likely.
 * approximate: sampling ran out of budget and a matching-based method found the draw instead.
 */
export type DrawMethod = 'uniform' | 'approximate';

export interface DrawSuccess {
  ok: true;
  /** Every participant exactly once as giver and once as recipient. */
  pairs: Pair[];
  method: DrawMethod;
  /** Labels of past exchanges whose pairings were allowed again, oldest relaxed first. */
  relaxedHistory: string[];
}

/**
 * Stable codes for an impossible draw.
 * - TOO_FEW_PARTICIPANTS: fewer than 2 people, or fewer than 3 with the no-reciprocal rule.
 * - NOBODY_TO_DRAW: `givers[0]` may draw nobody.
 * - NOBODY_MAY_DRAW: nobody may draw `recipients[0]`.
 * - GROUP_TOO_FEW_RECIPIENTS: the `givers` may between them give only to `recipients`, fewer people than givers.
 * - GROUP_TOO_FEW_GIVERS: the `recipients` may between them be drawn only by `givers`, fewer people than recipients.
 * - CLOSED_GROUP: with the single-loop rule, `givers` may only give among themselves.
 * - NO_VALID_LOOP: a complete search proved no draw satisfies the loop or no-reciprocal rule.
 * - NOT_FOUND_IN_BUDGET: the instance was too large to prove impossible and no draw was found in the budget.
 */
export type InfeasibleCode =
  | 'TOO_FEW_PARTICIPANTS'
  | 'NOBODY_TO_DRAW'
  | 'NOBODY_MAY_DRAW'
  | 'GROUP_TOO_FEW_RECIPIENTS'
  | 'GROUP_TOO_FEW_GIVERS'
  | 'CLOSED_GROUP'
  | 'NO_VALID_LOOP'
  | 'NOT_FOUND_IN_BUDGET';

export interface DrawInfeasible {
  ok: false;
  code: InfeasibleCode;
  /** The givers the explanation is about. */
  givers: PersonId[];
  /** The recipients the explanation is about (may be empty). */
  recipients: PersonId[];
  /** Past exchanges that were relaxed while trying, oldest first. */
  relaxedHistory: string[];
}

export type DrawOutcome = DrawSuccess | DrawInfeasible;

/** A participant leaving or joining after the draw. */
export type DrawChange = { leave: PersonId } | { join: PersonId };

export interface RepairSuccess {
  ok: true;
  /** The whole repaired draw. */
  pairs: Pair[];
  /** Givers whose recipient changed, a newcomer included. */
  changedGivers: PersonId[];
  /** Past exchanges allowed again, as in `DrawSuccess`; empty unless the repair had to redraw. */
  relaxedHistory: string[];
}

export type RepairOutcome = RepairSuccess | DrawInfeasible;

/** Limits on the work one call may do. */
export interface DrawOptions {
  /**
   * Elementary steps (one candidate pairing checked) that rejection sampling and the complete search
   * may each spend. Larger budgets make `uniform` draws and proofs of impossibility more likely.
   */
  budget?: number;
}

/** A broken rule found by the verifier. */
export interface Violation {
  code:
    | 'NOT_A_PERMUTATION'
    | 'UNKNOWN_PERSON'
    | 'SELF_DRAW'
    | 'EXCLUDED'
    | 'SAME_HOUSEHOLD'
    | 'RECIPROCAL'
    | 'NOT_SINGLE_LOOP'
    | 'REPEATS_HISTORY';
  givers: PersonId[];
}
