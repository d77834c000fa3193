/**
 * The draw use case, shared by `/santa draw` on Slack and Discord and by the `santa draw` CLI command:
 * allocate, verify, plan the deliveries and store everything in one transaction.
 */
import { drawAssignments, verifyDraw } from '../../engine/index.js';
import type { DrawMethod, InfeasibleCode } from '../../engine/types.js';
import { plainFormat } from '../commands/plain-format.js';
import type { TextFormat } from '../commands/types.js';
import { planRevealDeliveries, type NotifyMode } from '../delivery/plan.js';
import { SantaError } from '../errors.js';
import type { ChannelKind, Participant } from '../model.js';
import type { Channel, Clock, Logger, RandomSource, Store } from '../ports.js';
import { explainInfeasible, explainNotOpen } from '../texts/draw-problems.js';
import { buildDrawProblem, personId } from './build-problem.js';

export interface DrawDeps {
  store: Store;
  /** Cryptographic in production; seeded in tests. */
  random: RandomSource;
  clock: Clock;
  logger: Logger;
  /** The channels that are configured, for planning each giver's deliveries. */
  channels: ReadonlyMap<ChannelKind, Channel>;
}

export interface DrawOptions {
  notify: NotifyMode;
  /** Proves that a draw exists without storing or sending anything. */
  dryRun?: boolean;
  /** Formats the explanation of a failed draw; plain text when omitted. */
  format?: TextFormat;
}

/**
 * Stable codes of a draw that did not happen: the engine's InfeasibleCode, or the state of the
 * exchange (EXCHANGE_NOT_FOUND, ALREADY_DRAWN, NOT_OPEN).
 */
export type DrawFailureCode = InfeasibleCode | 'EXCHANGE_NOT_FOUND' | 'ALREADY_DRAWN' | 'NOT_OPEN';

export type DrawReport =
  | {
      ok: true;
      /** Null for a dry run, which stores nothing. */
      drawId: number | null;
      /** How many people were drawn. */
      participants: number;
      method: DrawMethod;
      /** Past exchanges whose pairings had to be allowed again. */
      relaxedHistory: string[];
      /** Givers with no configured channel that can reach them; nothing was queued for them. */
      unreachable: Participant[];
    }
  | { ok: false; code: DrawFailureCode; explanation: string };

/**
 * Draws an open exchange and stores the draw with its first deliveries, moving the exchange to drawn.
 * Exactly one draw is ever stored for an exchange: a second or concurrent call returns ALREADY_DRAWN.
 * An impossible draw returns the engine's code with an explanation that names people. The caller
 * starts the delivery worker afterwards. Throws SantaError DRAW_VERIFICATION_FAILED, storing nothing,
 * if the independent verifier rejects the engine's draw, which would be a bug in the engine.
 */
export function runDraw(deps: DrawDeps, exchangeId: number, options: DrawOptions): DrawReport {
  const { store, logger } = deps;
  const format = options.format ?? plainFormat;

  const exchange = store.getExchange(exchangeId);
  if (exchange === null || exchange.status !== 'open') {
    const code =
      exchange === null ? 'EXCHANGE_NOT_FOUND' : exchange.status === 'drawn' ? 'ALREADY_DRAWN' : 'NOT_OPEN';
    return { ok: false, code, explanation: explainNotOpen(format, exchange, exchangeId) };
  }

  const participants = store.listParticipants(exchangeId);
  const problem = buildDrawProblem(store, exchange, participants);
  const outcome = drawAssignments(problem, deps.random);

  if (!outcome.ok) {
    logger.info({ exchangeId, code: outcome.code, participants: participants.length }, 'draw is impossible');
    const names = new Map(
      participants.map((participant) => [personId(participant), participant.displayName]),
    );
    const explanation = explainInfeasible(format, outcome, {
      platform: exchange.platform,
      problem,
      nameOf: (id) => names.get(id) ?? id,
    });
    return { ok: false, code: outcome.code, explanation };
  }

  const violations = verifyDraw(problem, outcome.pairs, outcome.relaxedHistory);
  if (violations.length > 0) {
    logger.error(
      { exchangeId, violations: violations.map((violation) => violation.code) },
      'draw failed verification',
    );
    throw new SantaError(
      'DRAW_VERIFICATION_FAILED',
      `The draw for exchange ${exchangeId} broke a rule (${violations.map((violation) => violation.code).join(', ')}); nothing was stored.`,
      exchangeId,
    );
  }

  const plan = planRevealDeliveries(participants, exchange, deps.channels, options.notify);
  const report = {
    ok: true as const,
    participants: participants.length,
    method: outcome.method,
    relaxedHistory: outcome.relaxedHistory,
    unreachable: plan.unreachable,
  };
  if (options.dryRun === true) return { ...report, drawId: null };

  const draw = store.recordDraw(
    {
      exchangeId,
      method: outcome.method,
      relaxedHistory: outcome.relaxedHistory,
      assignments: outcome.pairs.map(([giver, recipient]) => ({
        giverId: Number(giver),
        recipientId: Number(recipient),
      })),
      deliveries: plan.deliveries,
    },
    deps.clock.now(),
  );
  if (draw === null) {
    logger.info({ exchangeId }, 'draw skipped: the exchange was drawn meanwhile');
    return {
      ok: false,
      code: 'ALREADY_DRAWN',
      explanation: explainNotOpen(format, { ...exchange, status: 'drawn' }, exchangeId),
    };
  }

  logger.info(
    {
      exchangeId,
      drawId: draw.id,
      participants: participants.length,
      method: outcome.method,
      deliveries: plan.deliveries.length,
      unreachable: plan.unreachable.length,
    },
    'draw stored',
  );
  return { ...report, drawId: draw.id };
}
