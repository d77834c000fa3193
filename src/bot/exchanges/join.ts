import type { CommandContext, Reply } from '../commands/types.js';
import { StoreError } from '../errors.js';
import { cleanDisplayName, nameKey } from '../names.js';
import type { Exchange, Participant } from '../model.js';
import { alreadyJoined, joined, problems } from '../texts/commands.js';
import { privately, requireActiveExchange, requireOpen, type SantaDeps } from './shared.js';

/**
 * Adds the caller to the channel's open exchange. Joining twice changes nothing; someone who left
 * comes back with their earlier wishlist and contact details.
 */
export function join(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const existing = deps.store.findParticipantByUser(exchange.id, ctx.userId);
  if (existing !== null && existing.leftAt === null)
    return [privately(alreadyJoined(ctx.format, exchange.name))];
  requireOpen(exchange, problems.joinAfterDraw());

  const displayName = cleanDisplayName(ctx.userName) || ctx.userId;
  if (existing !== null) {
    deps.store.updateParticipant(existing.id, { leftAt: null, displayName });
  } else {
    addPlatformParticipant(deps, exchange, ctx.userId, displayName);
  }

  const count = deps.store.countParticipants(exchange.id);
  deps.logger.info({ exchangeId: exchange.id, participants: count }, 'participant joined');
  return [privately(joined(ctx.format, exchange.name, count))];
}

/**
 * Adds a Slack or Discord user. Name keys are unique per exchange, but two members may show the same
 * name, so a clash falls back to a key made unique by the user id; history matches them by user id.
 */
function addPlatformParticipant(
  deps: SantaDeps,
  exchange: Exchange,
  userId: string,
  displayName: string,
): Participant {
  const key = nameKey(displayName);
  const taken = deps.store.findParticipantByNameKey(exchange.id, key) !== null;
  const input = {
    exchangeId: exchange.id,
    platformUserId: userId,
    displayName,
    nameKey: taken ? `${key} (${userId.toLowerCase()})` : key,
    phone: null,
    email: null,
    household: null,
    wishlist: null,
    channels: null,
  };
  try {
    return deps.store.addParticipant(input, deps.clock.now());
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== 'DUPLICATE_PARTICIPANT') throw error;
    return deps.store.addParticipant(
      { ...input, nameKey: `${key} (${userId.toLowerCase()})` },
      deps.clock.now(),
    );
  }
}
