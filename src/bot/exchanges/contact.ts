import type { CommandContext, Reply, SantaCommand } from '../commands/types.js';
import { normaliseEmail, normalisePhone } from '../commands/validate.js';
import type { ParticipantPatch } from '../ports.js';
import { contactCleared, contactSaved } from '../texts/commands.js';
import { privately, requireActiveExchange, requireCaller, type SantaDeps } from './shared.js';

/**
 * Saves, shows or clears the caller's phone number and email address, used when a direct message
 * cannot reach them. The reply is private and masks both, so that a shared screen shows neither.
 */
export function contact(
  deps: SantaDeps,
  ctx: CommandContext,
  command: Extract<SantaCommand, { name: 'contact' }>,
): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  const participant = requireCaller(deps, ctx, exchange);

  if (command.clear) {
    deps.store.updateParticipant(participant.id, { phone: null, email: null });
    deps.logger.info({ exchangeId: exchange.id, participantId: participant.id }, 'contact cleared');
    return [privately(contactCleared())];
  }

  // Discord options arrive unchecked, so both values are normalised here as well as in the parser.
  const patch: ParticipantPatch = {};
  if (command.phone !== undefined) patch.phone = normalisePhone(command.phone, deps.defaultCountry);
  if (command.email !== undefined) patch.email = normaliseEmail(command.email);
  if (Object.keys(patch).length === 0) return [privately(contactSaved(ctx.format, participant))];

  const updated = deps.store.updateParticipant(participant.id, patch);
  deps.logger.info({ exchangeId: exchange.id, participantId: participant.id }, 'contact saved');
  return [privately(contactSaved(ctx.format, updated))];
}
