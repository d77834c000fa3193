import type { CommandContext, Reply } from '../commands/types.js';
import type { Exchange } from '../model.js';
import {
  statusBeforeDraw,
  statusForOrganiser,
  statusForParticipant,
  type GiverState,
} from '../texts/commands.js';
import { giverStates } from './delivery-state.js';
import { isOrganiser, privately, requireActiveExchange, requireCaller, type SantaDeps } from './shared.js';

/**
 * Shows the organiser, per giver, whether they were told and by which channel, and others their own
 * state. Recipients are never shown, not even to the organiser.
 */
export function status(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const participants = deps.store.listParticipants(exchange.id);

  if (isOrganiser(ctx, exchange)) {
    if (exchange.status === 'open') {
      return [privately(statusBeforeDraw(ctx.format, exchange.name, participants.length))];
    }
    const states = statesOf(
      deps,
      exchange,
      participants.map((participant) => participant.id),
    );
    const rows = participants.map((participant) => ({
      name: participant.displayName,
      state: states.get(participant.id) ?? ({ kind: 'unreachable' } as const),
    }));
    return [privately(statusForOrganiser(ctx.format, exchange.name, rows))];
  }

  const own = requireCaller(deps, ctx, exchange);
  const state = exchange.status === 'drawn' ? (statesOf(deps, exchange, [own.id]).get(own.id) ?? null) : null;
  const text = statusForParticipant(ctx.format, exchange.name, {
    drawn: exchange.status === 'drawn',
    hasWishlist: own.wishlist !== null && own.wishlist !== '',
    hasContact: own.phone !== null || own.email !== null,
    state,
  });
  return [privately(text)];
}

function statesOf(deps: SantaDeps, exchange: Exchange, giverIds: readonly number[]): Map<number, GiverState> {
  const draw = deps.store.getLatestDraw(exchange.id);
  if (draw === null) return new Map();
  return giverStates(deps.store.listDeliveries(draw.id), giverIds);
}
