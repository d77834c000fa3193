import type { CommandContext, Reply, UserRef } from '../commands/types.js';
import { householdSaved, problems } from '../texts/commands.js';
import {
  privately,
  requireActiveExchange,
  requireMentioned,
  requireOpen,
  requireOrganiser,
  type SantaDeps,
} from './shared.js';

/**
 * Puts the mentioned participants in one new household, so that nobody in it draws anybody else in
 * it. Members move out of any household they were in before. Organiser only, before the draw.
 */
export function household(deps: SantaDeps, ctx: CommandContext, members: readonly UserRef[]): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  requireOrganiser(ctx, exchange, 'household');
  requireOpen(exchange, problems.alreadyDrawn());

  const participants = members.map((member) => requireMentioned(deps, exchange, member));
  const firstId = Math.min(...participants.map((participant) => participant.id));
  // A fresh label per command, so that an earlier household is never merged into this one by accident.
  const label = `household-${firstId}-${deps.clock.now()}`;

  deps.store.transaction(() => {
    for (const participant of participants)
      deps.store.updateParticipant(participant.id, { household: label });
  });

  deps.logger.info({ exchangeId: exchange.id, members: participants.length }, 'household saved');
  return [
    privately(
      householdSaved(
        ctx.format,
        participants.map((participant) => participant.displayName),
      ),
    ),
  ];
}
