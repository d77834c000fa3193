/**
 * Helpers every command handler uses: the dependencies, the active exchange of the channel, and the
 * checks for who may do what.
 */
import type { CountryCode } from 'libphonenumber-js';

import type { CommandContext, CommandName, Reply, UserRef } from '../commands/types.js';
import type { DrawDeps } from '../draw/run-draw.js';
import { UserError } from '../errors.js';
import type { Exchange, Participant } from '../model.js';
import { problems } from '../texts/commands.js';

export interface SantaDeps extends DrawDeps {
  /** Starts the delivery worker on new deliveries without waiting for its next poll. */
  wakeDelivery(): void;
  /** The country of phone numbers typed without a country code. */
  defaultCountry?: CountryCode;
}

/** Returns a reply only the caller sees. */
export function privately(text: string): Reply {
  return { visibility: 'private', text };
}

/** Returns a reply the whole channel sees. */
export function publicly(text: string): Reply {
  return { visibility: 'public', text };
}

/** Returns the open or drawn exchange of the caller's channel; throws NO_ACTIVE_EXCHANGE when none runs. */
export function requireActiveExchange(deps: SantaDeps, ctx: CommandContext): Exchange {
  const exchange = deps.store.findActiveExchange(ctx.platform, ctx.groupKey, ctx.channelId);
  if (exchange === null)
    throw new UserError('NO_ACTIVE_EXCHANGE', problems.noActiveExchange(), ctx.channelId);
  return exchange;
}

/** Returns whether the caller may draw, cancel and manage others: the organiser, or a Discord server admin. */
export function isOrganiser(ctx: CommandContext, exchange: Exchange): boolean {
  return ctx.userId === exchange.organiserId || (ctx.platform === 'discord' && ctx.isServerAdmin);
}

export function requireOrganiser(ctx: CommandContext, exchange: Exchange, command: CommandName): void {
  if (!isOrganiser(ctx, exchange))
    throw new UserError('NOT_ORGANISER', problems.organiserOnly(command), ctx.userId);
}

/** Throws ALREADY_DRAWN with `message` unless the exchange is still open. */
export function requireOpen(exchange: Exchange, message: string): void {
  if (exchange.status !== 'open') throw new UserError('ALREADY_DRAWN', message, exchange.id);
}

/** Returns the caller's participant record; throws NOT_A_PARTICIPANT when they have not joined. */
export function requireCaller(deps: SantaDeps, ctx: CommandContext, exchange: Exchange): Participant {
  const participant = deps.store.findParticipantByUser(exchange.id, ctx.userId);
  if (participant === null || participant.leftAt !== null) {
    throw new UserError('NOT_A_PARTICIPANT', problems.notJoined(), ctx.userId);
  }
  return participant;
}

/** Returns the participant a mention names; throws NOT_A_PARTICIPANT, naming them, when they have not joined. */
export function requireMentioned(deps: SantaDeps, exchange: Exchange, person: UserRef): Participant {
  const participant = deps.store.findParticipantByUser(exchange.id, person.userId);
  if (participant === null || participant.leftAt !== null) {
    const name = participant?.displayName ?? (person.name === undefined ? null : `@${person.name}`);
    throw new UserError('NOT_A_PARTICIPANT', problems.personNotJoined(name), person.userId);
  }
  return participant;
}
