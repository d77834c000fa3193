import type { CommandContext, Reply } from '../commands/types.js';
import { participantList } from '../texts/commands.js';
import { privately, requireActiveExchange, type SantaDeps } from './shared.js';

/** Shows who takes part, by name only, and who has written a wishlist; never contact details. */
export function list(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const people = deps.store.listParticipants(exchange.id).map((participant) => ({
    name: participant.displayName,
    hasWishlist: participant.wishlist !== null && participant.wishlist !== '',
  }));
  return [privately(participantList(ctx.format, exchange.name, people))];
}
