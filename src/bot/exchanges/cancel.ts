import type { CommandContext, Reply } from '../commands/types.js';
import { UserError } from '../errors.js';
import { exchangeCancelled, problems } from '../texts/commands.js';
import { publicly, requireActiveExchange, requireOrganiser, type SantaDeps } from './shared.js';

/** Cancels the channel's open or drawn exchange and announces it. Organiser or server admin only. */
export function cancel(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  requireOrganiser(ctx, exchange, 'cancel');

  // Deliveries still queued for a drawn exchange are dropped by the worker once the status is cancelled.
  const changed = deps.store.transitionExchange(exchange.id, exchange.status, 'cancelled', deps.clock.now());
  if (!changed) throw new UserError('NO_ACTIVE_EXCHANGE', problems.noActiveExchange(), exchange.id);

  deps.logger.info({ exchangeId: exchange.id, from: exchange.status }, 'exchange cancelled');
  return [publicly(exchangeCancelled(ctx.format, exchange.name))];
}
