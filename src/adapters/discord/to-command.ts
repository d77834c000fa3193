import type { ChatInputCommandInteraction, CommandInteractionOption } from 'discord.js';

import type { SantaCommand, UserRef } from '../../bot/commands/types.js';
import type { ExchangeRules } from '../../bot/model.js';
import { MAX_HOUSEHOLD_MEMBERS } from './commands.js';

type Options = ChatInputCommandInteraction['options'];

/**
 * Builds the SantaCommand for a `/santa <subcommand>` interaction from its typed options. Returns null
 * for a subcommand this version does not define (a stale registration). Values are passed on as typed;
 * the bot layer validates them, so the limits are the same as on Slack.
 */
export function toSantaCommand(interaction: ChatInputCommandInteraction): SantaCommand | null {
  const options = interaction.options;
  const subcommand = options.getSubcommand(false);

  switch (subcommand) {
    case 'create':
      return {
        name: 'create',
        exchangeName: options.getString('name') ?? undefined,
        budget: options.getString('budget') ?? undefined,
        date: options.getString('date') ?? undefined,
        rules: rulesFrom(options),
      };
    case 'leave':
      return { name: 'leave', person: userOption(options.get('person')) ?? undefined };
    case 'join':
    case 'list':
    case 'draw':
    case 'status':
    case 'who':
    case 'cancel':
      return { name: subcommand };
    case 'wishlist':
      return { name: 'wishlist', text: options.getString('text') ?? undefined };
    case 'exclude': {
      const recipient = userOption(options.get('person'));
      if (recipient === null) return null;
      return {
        name: 'exclude',
        recipient,
        giver: userOption(options.get('giver')) ?? undefined,
        twoWay: options.getBoolean('both') ?? false,
        remove: options.getBoolean('remove') ?? false,
      };
    }
    case 'household':
      return { name: 'household', members: householdMembers(options) };
    case 'contact':
      return {
        name: 'contact',
        phone: options.getString('phone') ?? undefined,
        email: options.getString('email') ?? undefined,
        clear: options.getBoolean('clear') ?? false,
      };
    case 'help':
      return { name: 'help', topic: options.getString('topic') ?? undefined };
    default:
      return null;
  }
}

function rulesFrom(options: Options): Partial<ExchangeRules> | undefined {
  const rules: Partial<ExchangeRules> = {};
  const noReciprocal = options.getBoolean('no_reciprocal');
  const singleLoop = options.getBoolean('single_loop');
  const avoidPast = options.getInteger('avoid_past');

  if (noReciprocal !== null) rules.noReciprocal = noReciprocal;
  if (singleLoop !== null) rules.singleLoop = singleLoop;
  if (avoidPast !== null) rules.avoidPast = avoidPast;
  return Object.keys(rules).length > 0 ? rules : undefined;
}

/** Returns the members named, in option order, each user once. */
function householdMembers(options: Options): UserRef[] {
  const members: UserRef[] = [];
  for (let position = 1; position <= MAX_HOUSEHOLD_MEMBERS; position += 1) {
    const member = userOption(options.get(`member${position}`));
    if (member !== null && !members.some((known) => known.userId === member.userId)) members.push(member);
  }
  return members;
}

/**
 * Reads a user option. The id is the option value, which Discord always sends. The name comes from the
 * resolved member or user, preferring the server nickname, because that is the name the server shows.
 */
function userOption(option: CommandInteractionOption | null): UserRef | null {
  if (option === null || typeof option.value !== 'string') return null;

  const member = option.member;
  const nickname = member !== null && member !== undefined && 'nick' in member ? member.nick : null;
  const memberName =
    member !== null && member !== undefined && 'displayName' in member ? member.displayName : null;
  const name = memberName ?? nickname ?? option.user?.displayName;
  return name ? { userId: option.value, name } : { userId: option.value };
}
