/**
 * The withdraw use case, shared by `/santa leave` after the draw and by the `santa withdraw` CLI
 * command: repair the draw around the person who leaves, verify it, and store it with a new reveal
 * for every remaining giver, in one transaction with the person's leave. Every giver is told again,
 * changed recipient or not, because telling only the changed ones would show the organiser who drew
 * the person who left.
 */
import { repairDraw, verifyDraw } from '../../engine/index.js';
import type { DrawProblem, InfeasibleCode, Pair, RepairSuccess } from '../../engine/types.js';
import { plainFormat } from '../commands/plain-format.js';
import type { TextFormat } from '../commands/types.js';
import { planRevealDeliveries, type NotifyMode } from '../delivery/plan.js';
import { SantaError } from '../errors.js';
import type { Draw, Exchange, Participant } from '../model.js';
import { explainInfeasible } from '../texts/draw-problems.js';
import { buildDrawProblem, personId } from './build-problem.js';
import type { DrawDeps } from './run-draw.js';

/** How often a repair is recomputed when another process changed the draw in the meantime. */
const MAX_ATTEMPTS = 3;

export interface WithdrawOptions {
  notify: NotifyMode;
  /** Formats the explanation of an impossible repair; plain text when omitted. */
  format?: TextFormat;
}

export type WithdrawReport =
  | {
      ok: true;
      drawId: number;
      /** How many people remain in the draw. */
      participants: number;
      /** Every remaining giver; each is told their recipient again unless no channel reaches them. */
      givers: Participant[];
      /** Givers with no configured channel that can reach them; nothing was queued for them. */
      unreachable: Participant[];
    }
  | { ok: false; code: InfeasibleCode; explanation: string }
  | { ok: false; code: 'NOT_DRAWN' }
  | { ok: false; code: 'DRAW_CHANGED' };

/**
 * Removes `leaver` from a drawn exchange by repairing its latest draw, changing as few givers'
 * recipients as the engine can. The new draw, a reveal for every remaining giver and the leave are
 * stored in one transaction, so a person stays in whenever the repair is impossible or fails. The
 * caller starts the delivery worker afterwards. Throws SantaError DRAW_VERIFICATION_FAILED, storing
 * nothing, if the independent verifier rejects the repaired draw, which would be a bug in the engine.
 */
export function withdrawParticipant(
  deps: DrawDeps,
  exchange: Exchange,
  leaver: Participant,
  options: WithdrawOptions,
): WithdrawReport {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Read afresh on every attempt, because a failed attempt means another process changed the exchange.
    const fresh = deps.store.getExchange(exchange.id);
    const draw = fresh?.status === 'drawn' ? deps.store.getLatestDraw(fresh.id) : null;
    if (fresh === null || draw === null) return { ok: false, code: 'NOT_DRAWN' };

    const report = tryWithdraw(deps, fresh, draw, leaver, options);
    if (report !== null) return report;
    deps.logger.info({ exchangeId: exchange.id, drawId: draw.id, attempt }, 'draw changed during repair');
  }
  return { ok: false, code: 'DRAW_CHANGED' };
}

/** One attempt at the repair; returns null when `draw` was no longer the latest on storing. */
function tryWithdraw(
  deps: DrawDeps,
  exchange: Exchange,
  draw: Draw,
  leaver: Participant,
  options: WithdrawOptions,
): WithdrawReport | null {
  const { store, logger } = deps;
  const remaining = store.listParticipants(exchange.id).filter((person) => person.id !== leaver.id);
  const problem = buildDrawProblem(store, exchange, remaining);
  const current: Pair[] = store
    .listAssignments(draw.id)
    .map((assignment) => [String(assignment.giverId), String(assignment.recipientId)] as const);

  const outcome = repairDraw(problem, current, { leave: personId(leaver) }, deps.random);
  if (!outcome.ok) {
    logger.info({ exchangeId: exchange.id, code: outcome.code }, 'repair after a leave is impossible');
    const names = new Map(remaining.map((person) => [personId(person), person.displayName]));
    const explanation = explainInfeasible(options.format ?? plainFormat, outcome, {
      platform: exchange.platform,
      problem,
      afterLeave: true,
      nameOf: (id) => names.get(id) ?? id,
    });
    return { ok: false, code: outcome.code, explanation };
  }
  verifyRepair(deps, exchange, problem, outcome);

  // The store keeps an unchanged giver's reveal that is still to be sent instead of adding a second.
  const plan = planRevealDeliveries(remaining, exchange, deps.channels, options.notify);

  const now = deps.clock.now();
  const repaired = store.transaction(() => {
    const stored = store.recordRepair(
      {
        exchangeId: exchange.id,
        replacesDrawId: draw.id,
        reason: 'leave',
        // A repair keeps most of the earlier draw, so it is not a uniform sample of all valid draws.
        method: 'approximate',
        relaxedHistory: outcome.relaxedHistory,
        assignments: outcome.pairs.map(([giver, recipient]) => ({
          giverId: Number(giver),
          recipientId: Number(recipient),
        })),
        deliveries: plan.deliveries,
      },
      now,
    );
    if (stored !== null) store.updateParticipant(leaver.id, { leftAt: now });
    return stored;
  });
  if (repaired === null) return null;

  logger.info(
    {
      exchangeId: exchange.id,
      drawId: repaired.id,
      replacesDrawId: draw.id,
      participantId: leaver.id,
      changedGivers: outcome.changedGivers.length,
      unreachable: plan.unreachable.length,
    },
    'draw repaired after a leave',
  );
  return {
    ok: true,
    drawId: repaired.id,
    participants: remaining.length,
    givers: remaining,
    unreachable: plan.unreachable,
  };
}

function verifyRepair(
  deps: DrawDeps,
  exchange: Exchange,
  problem: DrawProblem,
  outcome: RepairSuccess,
): void {
  const violations = verifyDraw(problem, outcome.pairs, outcome.relaxedHistory);
  if (violations.length === 0) return;

  const codes = violations.map((violation) => violation.code);
  deps.logger.error({ exchangeId: exchange.id, violations: codes }, 'repaired draw failed verification');
  throw new SantaError(
    'DRAW_VERIFICATION_FAILED',
    `The repaired draw for exchange ${exchange.id} broke a rule (${codes.join(', ')}); nothing was stored.`,
    exchange.id,
  );
}
