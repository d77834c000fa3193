import type { CommandContext, Reply } from '../commands/types.js';
import { channelOrder } from '../delivery/plan.js';
import { UserError } from '../errors.js';
import { problems, revealAlreadyQueued, revealResent } from '../texts/commands.js';
import { privately, requireActiveExchange, requireCaller, type SantaDeps } from './shared.js';

/**
 * Sends the caller their recipient again, as a new reveal delivery on their first channel with the
 * usual fallback. The reply itself never names the recipient, because a private reply can still be
 * seen on a shared screen. While an earlier reveal is still queued, nothing new is added.
 */
export function who(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const giver = requireCaller(deps, ctx, exchange);
  const draw = exchange.status === 'drawn' ? deps.store.getLatestDraw(exchange.id) : null;
  if (draw === null) throw new UserError('NOT_DRAWN', problems.notDrawnYet(), exchange.id);

  const isGiver = deps.store.listAssignments(draw.id).some((assignment) => assignment.giverId === giver.id);
  if (!isGiver) throw new UserError('NOT_A_GIVER', problems.notAGiver(), giver.id);

  const queued = deps.store
    .listDeliveries(draw.id)
    .find(
      (delivery) =>
        delivery.participantId === giver.id &&
        delivery.purpose === 'reveal' &&
        (delivery.status === 'pending' || delivery.status === 'sending'),
    );
  if (queued !== undefined) return [privately(revealAlreadyQueued(queued.channel))];

  const [first, ...rest] = channelOrder(giver, exchange, deps.channels);
  if (first === undefined) throw new UserError('UNREACHABLE', problems.noChannelForYou(), giver.id);

  deps.store.enqueueDeliveries(
    draw.id,
    [{ participantId: giver.id, purpose: 'reveal', channel: first, fallback: rest }],
    deps.clock.now(),
  );
  deps.wakeDelivery();
  deps.logger.info(
    { exchangeId: exchange.id, drawId: draw.id, participantId: giver.id, channel: first },
    'reveal queued again',
  );
  return [privately(revealResent(first))];
}
