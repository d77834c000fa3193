import type { CommandContext, Reply } from '../commands/types.js';
import { validateWishlist } from '../commands/validate.js';
import { wishlistSaved, wishlistShown } from '../texts/commands.js';
import { privately, requireActiveExchange, requireCaller, type SantaDeps } from './shared.js';

/**
 * Saves the caller's wishlist, or shows it when `text` is undefined. Changes are allowed after the
 * draw too: a reveal sent later, such as by `/santa who`, carries the latest wishlist.
 */
export function wishlist(deps: SantaDeps, ctx: CommandContext, text: string | undefined): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const participant = requireCaller(deps, ctx, exchange);
  if (text === undefined) return [privately(wishlistShown(ctx.format, participant.wishlist))];

  const saved = validateWishlist(text);
  deps.store.updateParticipant(participant.id, { wishlist: saved === '' ? null : saved });
  deps.logger.info({ exchangeId: exchange.id, participantId: participant.id }, 'wishlist saved');
  return [privately(saved === '' ? wishlistShown(ctx.format, null) : wishlistSaved(ctx.format, saved))];
}
