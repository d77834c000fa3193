import type { CommandContext, Reply } from '../commands/types.js';
import { left, problems } from '../texts/commands.js';
import { privately, requireActiveExchange, requireCaller, requireOpen, type SantaDeps } from './shared.js';

/**
 * Removes the caller from the open exchange. Their record is kept with `leftAt` set, so that joining
 * again restores their wishlist.
 */
export function leave(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const participant = requireCaller(deps, ctx, exchange);

  // NOTE: leaving after the draw would need the draw repaired around the gap, which is not built yet.
  requireOpen(exchange, problems.leaveAfterDraw());

  deps.store.updateParticipant(participant.id, { leftAt: deps.clock.now() });
  deps.logger.info({ exchangeId: exchange.id, participantId: participant.id }, 'participant left');
  return [privately(left(ctx.format, exchange.name))];
}
