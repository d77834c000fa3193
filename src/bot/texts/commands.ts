/**
 * The bot's replies to `/santa` commands, on Slack and Discord alike. Functions that take a
 * TextFormat return markup for one platform and escape every user-typed value themselves. The
 * `problems` are plain text for UserError messages; the bot escapes them whole before replying.
 */
import type { CommandName, TextFormat } from '../commands/types.js';
import type { ChannelKind, Exchange, Platform } from '../model.js';

const SHOWN_VALUE_LENGTH = 40;

/** Returns a user-typed value in quotes, cut short so that a long paste does not flood the reply. */
function quote(value: string): string {
  const chars = [...value];
  const shown = chars.length > SHOWN_VALUE_LENGTH ? `${chars.slice(0, SHOWN_VALUE_LENGTH).join('')}…` : value;
  return `"${shown}"`;
}

/** The typed form of each command on Slack, shown after a mistake and in help. */
export const USAGE: Readonly<Record<CommandName, string>> = {
  create:
    '/santa create name="Office 2026" budget=£20 date=2026-12-18 [no-reciprocal] [single-loop] [avoid-past=2]',
  join: '/santa join',
  leave: '/santa leave (organiser: /santa leave @person)',
  wishlist: '/santa wishlist TEXT',
  exclude: '/santa exclude @person (organiser: /santa exclude @giver @recipient [both] [remove])',
  household: '/santa household @person @person ...',
  contact: '/santa contact phone=+447911123456 email=you@example.com, or /santa contact clear',
  list: '/santa list',
  draw: '/santa draw',
  status: '/santa status',
  who: '/santa who',
  cancel: '/santa cancel',
  help: '/santa help [command]',
};

const DESCRIPTIONS: Readonly<Record<CommandName, string>> = {
  create: 'start an exchange in this channel (name, budget, date, rules)',
  join: 'take part',
  leave: 'stop taking part; after the draw, it is adjusted without you',
  wishlist: 'tell your Secret Santa what you would like',
  exclude: 'say whom you must not draw',
  household: 'organiser: put people who live together in one household, so nobody draws their own',
  contact: 'give a phone number or email address in case a direct message cannot reach you',
  list: 'see who is taking part',
  draw: 'organiser: draw and send everyone their recipient privately',
  status: 'see who has been told; the organiser sees everyone, never who drew whom',
  who: 'get your recipient sent to you again',
  cancel: 'organiser: cancel the exchange',
  help: 'show this help',
};

const CHANNEL_NAMES: Readonly<Record<ChannelKind, string>> = {
  slack: 'Slack DM',
  discord: 'Discord DM',
  sms: 'SMS',
  email: 'email',
  file: 'the outbox file',
};

/** Returns the name people know a channel by, such as "SMS". */
export function channelName(kind: ChannelKind): string {
  return CHANNEL_NAMES[kind];
}

/** Plain-text messages for UserError. */
export const problems = {
  unknownCommand: (word: string): string =>
    `Unknown command ${quote(word)}. Try one of: ${Object.keys(USAGE).join(', ')}. Type /santa help for more.`,
  withUsage: (message: string, command: CommandName): string => `${message} Usage: ${USAGE[command]}`,
  unexpectedWord: (word: string): string => `Unexpected ${quote(word)}.`,
  unclosedQuote: (value: string): string => `The quote before ${quote(value)} is never closed.`,
  emptyValue: (field: string): string => `The ${field} is empty.`,
  tooLong: (field: string, value: string, max: number): string =>
    `The ${field} ${quote(value)} is ${[...value].length} characters long; the maximum is ${max}.`,
  missingExchangeName: (): string => 'The exchange needs a name.',
  invalidDate: (value: string): string =>
    `${quote(value)} is not a valid date. Write a real calendar date as YYYY-MM-DD, for example 2026-12-18.`,
  invalidAvoidPast: (value: string, max: number): string =>
    `avoid-past=${quote(value)} is invalid: give a whole number of past exchanges from 0 to ${max}.`,
  invalidPhone: (value: string, hasDefaultCountry: boolean): string =>
    `${quote(value)} is not a valid phone number.` +
    (hasDefaultCountry ? '' : ' Include the country code, for example +447911123456.'),
  invalidEmail: (value: string): string => `${quote(value)} is not a valid email address.`,
  notAPerson: (word: string): string =>
    `${quote(word)} does not name one person. Mention a single member with @.`,
  notAMention: (word: string): string =>
    `${quote(word)} is not a mention. Pick the person from the @ menu so that it becomes a mention.`,
  missingPerson: (): string => 'Name the person with an @ mention.',
  householdTooSmall: (): string => 'A household needs at least two different people.',

  noActiveExchange: (): string =>
    'There is no Secret Santa running in this channel. Start one with /santa create.',
  exchangeExists: (name: string): string =>
    `${quote(name)} is already running in this channel. Cancel it with /santa cancel before starting another.`,
  notJoined: (): string => 'You are not taking part yet. Join with /santa join.',
  /** `name` is null when Slack sent the mention without a name. */
  personNotJoined: (name: string | null): string =>
    `${name ?? 'The person you mentioned'} is not taking part in this exchange. They can join with /santa join.`,
  organiserOnly: (command: CommandName): string => `Only the organiser can use /santa ${command}.`,
  organiserOnlyForOthers: (): string =>
    'Only the organiser can add an exclusion for someone else or a two-way one. Use /santa exclude @person for yourself.',
  selfExclusion: (): string => 'Nobody draws themselves anyway; name someone else.',
  alreadyDrawn: (): string => 'The draw has already been made for this exchange.',
  joinAfterDraw: (): string => 'The draw has already been made, so nobody can join any more.',
  notDrawnYet: (): string => 'The draw has not been made yet. The organiser starts it with /santa draw.',
  noChannelForYou: (): string =>
    'No channel can reach you. Add a phone number or email address with /santa contact, then try again.',
  notAGiver: (): string => 'You were not part of the draw, so there is no recipient to send you.',
  unexpected: (): string => 'Something went wrong on our side. Please try again in a minute.',
};

/** Returns the public message that an exchange has started. */
export function exchangeCreated(format: TextFormat, exchange: Exchange): string {
  const details = [
    exchange.budget === null ? null : `budget ${format.escape(exchange.budget)}`,
    exchange.exchangeDate === null ? null : `exchange on ${exchange.exchangeDate}`,
  ].filter((detail) => detail !== null);
  const rules = [
    exchange.rules.noReciprocal ? 'no two people draw each other' : null,
    exchange.rules.singleLoop ? 'one single loop through everyone' : null,
    exchange.rules.avoidPast > 0 ? `no pairing from the last ${exchange.rules.avoidPast} exchanges` : null,
  ].filter((rule) => rule !== null);

  const lines = [
    `${format.mention(exchange.organiserId, 'The organiser')} started the Secret Santa ${format.bold(format.escape(exchange.name))}` +
      (details.length > 0 ? ` (${details.join(', ')}).` : '.'),
  ];
  if (rules.length > 0) lines.push(`Rules: ${rules.join('; ')}.`);
  lines.push(`Type ${format.code('/santa join')} to take part.`);
  return lines.join('\n');
}

export function joined(format: TextFormat, exchangeName: string, count: number): string {
  return `You are in ${format.bold(format.escape(exchangeName))}. ${peopleCount(count)} taking part so far. Add a wishlist with ${format.code('/santa wishlist')}.`;
}

export function alreadyJoined(format: TextFormat, exchangeName: string): string {
  return `You are already in ${format.bold(format.escape(exchangeName))}; nothing changed.`;
}

export function left(format: TextFormat, exchangeName: string): string {
  return `You have left ${format.bold(format.escape(exchangeName))}.`;
}

export function wishlistSaved(format: TextFormat, wishlist: string): string {
  return `Wishlist saved:\n${format.escape(wishlist)}`;
}

export function wishlistShown(format: TextFormat, wishlist: string | null): string {
  return wishlist === null || wishlist === ''
    ? `You have no wishlist yet. Add one with ${format.code('/santa wishlist TEXT')}.`
    : `Your wishlist:\n${format.escape(wishlist)}`;
}

export function exclusionChanged(
  format: TextFormat,
  change: { giverName: string; recipientName: string; twoWay: boolean; removed: boolean; forSelf: boolean },
): string {
  const giver = change.forSelf ? 'you' : format.escape(change.giverName);
  const recipient = format.escape(change.recipientName);
  if (change.removed) {
    return change.twoWay
      ? `Removed: ${giver} and ${recipient} may draw each other again.`
      : `Removed: ${giver} may draw ${recipient} again.`;
  }
  return change.twoWay
    ? `Saved: ${giver} and ${recipient} will not draw each other.`
    : `Saved: ${giver} will not draw ${recipient}.`;
}

export function householdSaved(format: TextFormat, names: readonly string[]): string {
  return `Saved one household: ${names.map((name) => format.escape(name)).join(', ')}. Nobody in it will draw anybody else in it.`;
}

export function contactSaved(
  format: TextFormat,
  contact: { phone: string | null; email: string | null },
): string {
  if (contact.phone === null && contact.email === null) {
    return `No phone number or email address is saved. Add them with ${format.code('/santa contact phone=… email=…')}.`;
  }
  const parts = [
    contact.phone === null ? null : `phone ${maskPhone(contact.phone)}`,
    contact.email === null ? null : `email ${format.escape(maskEmail(contact.email))}`,
  ].filter((part) => part !== null);
  return `Saved for when a direct message cannot reach you: ${parts.join(', ')}. Only santa uses them.`;
}

export function contactCleared(): string {
  return 'Your phone number and email address are removed.';
}

/** Returns a phone number with all but its last two digits hidden. */
export function maskPhone(phone: string): string {
  return `…${phone.slice(-2)}`;
}

/** Returns an email address with the local part hidden but its first character. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}…${email.slice(at)}`;
}

export function participantList(
  format: TextFormat,
  exchangeName: string,
  people: readonly { name: string; hasWishlist: boolean }[],
): string {
  if (people.length === 0) return `Nobody has joined ${format.bold(format.escape(exchangeName))} yet.`;
  const lines = people.map(
    (person) => `• ${format.escape(person.name)}${person.hasWishlist ? ' (wishlist ✓)' : ''}`,
  );
  return `${peopleCount(people.length)} in ${format.bold(format.escape(exchangeName))}:\n${lines.join('\n')}`;
}

export function drawAnnounced(format: TextFormat, exchangeName: string, count: number): string {
  return `The draw for ${format.bold(format.escape(exchangeName))} is done: ${peopleCount(count)} in; everyone gets their recipient in a DM.`;
}

export function drawUnreachable(format: TextFormat, names: readonly string[]): string {
  return `These people have no way to be told their recipient: ${names.map((name) => format.escape(name)).join(', ')}. Ask them to add a phone number or email with ${format.code('/santa contact')}, then check ${format.code('/santa status')}.`;
}

export function alreadyDrawn(format: TextFormat, exchangeName: string): string {
  return `${format.bold(format.escape(exchangeName))} has already been drawn; nothing changed.`;
}

/** One giver's delivery state, as the status command shows it. */
export type GiverState =
  | { kind: 'told'; channel: ChannelKind }
  | { kind: 'pending'; channel: ChannelKind; retrying: boolean }
  | { kind: 'unreachable' };

function describeState(state: GiverState): string {
  switch (state.kind) {
    case 'told':
      return `told by ${channelName(state.channel)}`;
    case 'pending':
      return `${state.retrying ? 'retrying' : 'sending'} by ${channelName(state.channel)}`;
    case 'unreachable':
      return 'could not be reached';
  }
}

export function statusBeforeDraw(format: TextFormat, exchangeName: string, count: number): string {
  return `${format.bold(format.escape(exchangeName))} is open: ${peopleCount(count)} taking part. The draw has not been made yet.`;
}

export function statusForOrganiser(
  format: TextFormat,
  exchangeName: string,
  rows: readonly { name: string; state: GiverState }[],
): string {
  const told = rows.filter((row) => row.state.kind === 'told').length;
  const lines = rows.map((row) => `• ${format.escape(row.name)}: ${describeState(row.state)}`);
  return `${format.bold(format.escape(exchangeName))} is drawn. ${told} of ${rows.length} told:\n${lines.join('\n')}`;
}

export function statusForParticipant(
  format: TextFormat,
  exchangeName: string,
  own: { drawn: boolean; hasWishlist: boolean; hasContact: boolean; state: GiverState | null },
): string {
  const lines = [`You are taking part in ${format.bold(format.escape(exchangeName))}.`];
  lines.push(own.hasWishlist ? 'Your wishlist is saved.' : 'You have no wishlist yet.');
  if (!own.hasContact) lines.push(`No fallback contact saved (optional: ${format.code('/santa contact')}).`);
  if (!own.drawn) lines.push('The draw has not been made yet.');
  else if (own.state !== null) lines.push(`Your recipient: ${describeState(own.state)}.`);
  return lines.join('\n');
}

export function revealResent(channel: ChannelKind): string {
  return `Your recipient is on its way again by ${channelName(channel)}.`;
}

export function revealAlreadyQueued(channel: ChannelKind): string {
  return `Your recipient is already on its way by ${channelName(channel)}; nothing new was sent.`;
}

export function exchangeCancelled(format: TextFormat, exchangeName: string): string {
  return `${format.bold(format.escape(exchangeName))} has been cancelled by the organiser.`;
}

/** Returns the help text; `topic` narrows it to one command. Slack shows the typed forms. */
export function help(format: TextFormat, platform: Platform, topic?: CommandName): string {
  const names = topic === undefined ? (Object.keys(USAGE) as CommandName[]) : [topic];
  const lines = names.map((name) => {
    const typed = platform === 'slack' ? USAGE[name] : `/santa ${name}`;
    return `${format.code(typed)}: ${DESCRIPTIONS[name]}`;
  });
  return topic === undefined ? `Secret Santa commands:\n${lines.join('\n')}` : lines.join('\n');
}

function peopleCount(count: number): string {
  return count === 1 ? '1 person is' : `${count} people are`;
}

/** Plain-text messages for UserError about leaving, and about the organiser removing someone. */
export const leaveProblems = {
  organiserOnly: (): string =>
    'Only the organiser can remove someone else. Use /santa leave to leave yourself.',
  drawChanged: (): string =>
    'The draw changed several times while santa adjusted it, so nothing changed. Please try again.',
};

/** Returns the private reply to the organiser who removed someone before the draw. */
export function participantRemoved(format: TextFormat, personName: string, exchangeName: string): string {
  return `Removed ${format.escape(personName)} from ${format.bold(format.escape(exchangeName))}.`;
}

/** Returns the private reply to a person who left after the draw. */
export function leftAfterDraw(format: TextFormat, exchangeName: string): string {
  return `You have left ${format.bold(format.escape(exchangeName))}. The draw was adjusted without you, so you give and receive no gift in it.`;
}

/** Returns the private reply to the organiser who removed someone after the draw. */
export function participantWithdrawn(format: TextFormat, personName: string, exchangeName: string): string {
  return `Removed ${format.escape(personName)} from ${format.bold(format.escape(exchangeName))}. The draw was adjusted without them, and everyone still in is told their recipient again.`;
}

/**
 * Returns the public message that someone left after the draw. It names nobody, neither the person
 * who left nor the givers who get a new recipient, because either could hint at who drew whom.
 * Everyone is told again, so that the messages do not single out the givers whose recipient changed.
 */
export function drawAdjusted(format: TextFormat, exchangeName: string, count: number): string {
  return `Someone left ${format.bold(format.escape(exchangeName))}, so the draw was adjusted: ${peopleCount(count)} still in. Each of them gets a new message with their recipient, which may be the same as before.`;
}

/**
 * Returns the private reply when a leave after the draw is rejected because the draw cannot be
 * adjusted without the person. `explanation` is the engine's, already formatted and escaped.
 */
export function leaveRejected(
  format: TextFormat,
  personName: string | null,
  exchangeName: string,
  explanation: string,
): string {
  const who = personName === null ? 'You are' : `${format.escape(personName)} is`;
  return `${who} still in ${format.bold(format.escape(exchangeName))}: the draw cannot be adjusted without ${personName === null ? 'you' : 'them'}.\n${explanation}`;
}
