import type { CommandContext, Reply, SantaCommand } from '../commands/types.js';
import { UserError } from '../errors.js';
import type { Exclusion } from '../model.js';
import { exclusionChanged, problems } from '../texts/commands.js';
import {
  isOrganiser,
  privately,
  requireActiveExchange,
  requireCaller,
  requireMentioned,
  requireOpen,
  type SantaDeps,
} from './shared.js';

/**
 * Adds or removes an exclusion before the draw. Anyone may exclude someone from their own draw (one
 * way); naming another giver, or a two-way exclusion, is for the organiser.
 */
export function exclude(
  deps: SantaDeps,
  ctx: CommandContext,
  command: Extract<SantaCommand, { name: 'exclude' }>,
): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const forOthers = command.giver !== undefined && command.giver.userId !== ctx.userId;
  if ((forOthers || command.twoWay) && !isOrganiser(ctx, exchange)) {
    throw new UserError('NOT_ORGANISER', problems.organiserOnlyForOthers(), ctx.userId);
  }
  requireOpen(exchange, problems.alreadyDrawn());

  const giver =
    command.giver === undefined
      ? requireCaller(deps, ctx, exchange)
      : requireMentioned(deps, exchange, command.giver);
  const recipient = requireMentioned(deps, exchange, command.recipient);
  if (giver.id === recipient.id)
    throw new UserError('SELF_EXCLUSION', problems.selfExclusion(), recipient.id);

  const pairs: Exclusion[] = [{ exchangeId: exchange.id, giverId: giver.id, recipientId: recipient.id }];
  if (command.twoWay) pairs.push({ exchangeId: exchange.id, giverId: recipient.id, recipientId: giver.id });

  deps.store.transaction(() => {
    for (const pair of pairs) {
      if (command.remove) deps.store.removeExclusion(pair);
      else deps.store.addExclusion(pair);
    }
  });

  deps.logger.info(
    { exchangeId: exchange.id, exclusions: pairs.length, removed: command.remove },
    command.remove ? 'exclusion removed' : 'exclusion added',
  );
  const text = exclusionChanged(ctx.format, {
    giverName: giver.displayName,
    recipientName: recipient.displayName,
    twoWay: command.twoWay,
    removed: command.remove,
    forSelf: giver.platformUserId === ctx.userId,
  });
  return [privately(text)];
}
