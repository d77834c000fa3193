import type { CommandContext, Reply, UserRef } from '../commands/types.js';
import { withdrawParticipant } from '../draw/repair-draw.js';
import { UserError } from '../errors.js';
import type { Exchange, Participant } from '../model.js';
import {
  drawAdjusted,
  drawUnreachable,
  left,
  leaveProblems,
  leaveRejected,
  leftAfterDraw,
  participantRemoved,
  participantWithdrawn,
  problems,
} from '../texts/commands.js';
import {
  isOrganiser,
  privately,
  publicly,
  requireActiveExchange,
  requireCaller,
  requireMentioned,
  type SantaDeps,
} from './shared.js';

/**
 * Removes the caller, or the mentioned `person` when the organiser names someone else, from the
 * channel's exchange. The record is kept with `leftAt` set, so that joining again before the draw
 * restores the wishlist. After the draw, the draw is repaired around the gap and every remaining
 * giver is told their recipient again, changed or not, so that nobody can tell from the messages who
 * drew the person who left. The channel hears that someone left without any name. When no draw is
 * possible without the person, they stay in and the reply explains why.
 */
export function leave(deps: SantaDeps, ctx: CommandContext, person?: UserRef): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const forOther = person !== undefined && person.userId !== ctx.userId;
  if (forOther && !isOrganiser(ctx, exchange)) {
    throw new UserError('NOT_ORGANISER', leaveProblems.organiserOnly(), ctx.userId);
  }
  const leaver = forOther ? requireMentioned(deps, exchange, person) : requireCaller(deps, ctx, exchange);

  if (exchange.status === 'open') {
    deps.store.updateParticipant(leaver.id, { leftAt: deps.clock.now() });
    deps.logger.info({ exchangeId: exchange.id, participantId: leaver.id, forOther }, 'participant left');
    const text = forOther
      ? participantRemoved(ctx.format, leaver.displayName, exchange.name)
      : left(ctx.format, exchange.name);
    return [privately(text)];
  }

  return leaveAfterDraw(deps, ctx, exchange, leaver, forOther);
}

function leaveAfterDraw(
  deps: SantaDeps,
  ctx: CommandContext,
  exchange: Exchange,
  leaver: Participant,
  forOther: boolean,
): Reply[] {
  const report = withdrawParticipant(deps, exchange, leaver, {
    notify: 'first-reachable',
    format: ctx.format,
  });

  if (!report.ok) {
    if (report.code === 'NOT_DRAWN') {
      throw new UserError('NO_ACTIVE_EXCHANGE', problems.noActiveExchange(), ctx.channelId);
    }
    if (report.code === 'DRAW_CHANGED') {
      throw new UserError('DRAW_CHANGED', leaveProblems.drawChanged(), exchange.id);
    }
    const name = forOther ? leaver.displayName : null;
    return [privately(leaveRejected(ctx.format, name, exchange.name, report.explanation))];
  }

  deps.wakeDelivery();
  const own = forOther
    ? participantWithdrawn(ctx.format, leaver.displayName, exchange.name)
    : leftAfterDraw(ctx.format, exchange.name);
  const replies = [privately(own), publicly(drawAdjusted(ctx.format, exchange.name, report.participants))];

  if (report.unreachable.length > 0) {
    deps.logger.warn(
      { exchangeId: exchange.id, drawId: report.drawId, unreachable: report.unreachable.length },
      'givers of the repaired draw have no channel',
    );
    // Every giver was planned alike, so naming these says nothing about who drew whom.
    if (isOrganiser(ctx, exchange)) {
      const names = report.unreachable.map((person) => person.displayName);
      replies.push(privately(drawUnreachable(ctx.format, names)));
    }
  }
  return replies;
}
