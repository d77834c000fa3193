/**
 * Parses the text Slack sends after `/santa` into a SantaCommand. Discord builds the same values from
 * its typed options and does not come here.
 */
import type { CountryCode } from 'libphonenumber-js';

import { UserError } from '../errors.js';
import type { ExchangeRules } from '../model.js';
import { problems } from '../texts/commands.js';
import { readMention, tokenize, unwrapMarkup } from './tokens.js';
import type { CommandName, SantaCommand, UserRef } from './types.js';
import {
  normaliseEmail,
  normalisePhone,
  validateAvoidPast,
  validateBudget,
  validateDate,
  validateExchangeName,
  validateWishlist,
} from './validate.js';

export const COMMAND_NAMES: readonly CommandName[] = [
  'create',
  'join',
  'leave',
  'wishlist',
  'exclude',
  'household',
  'contact',
  'list',
  'draw',
  'status',
  'who',
  'cancel',
  'help',
];

const WITHOUT_ARGUMENTS = new Set<CommandName>(['join', 'list', 'draw', 'status', 'who', 'cancel']);

export interface ParseOptions {
  /** The country of phone numbers typed without a country code (SANTA_DEFAULT_COUNTRY). */
  defaultCountry?: CountryCode;
}

/**
 * Returns the command that `/santa TEXT` requests; empty text requests help. Throws a UserError
 * (UNKNOWN_COMMAND, BAD_ARGUMENT, MISSING_ARGUMENT, TOO_LONG, INVALID_DATE, INVALID_PHONE,
 * INVALID_EMAIL) whose message names the offending value and shows the command's usage.
 */
export function parseCommandText(text: string, options: ParseOptions = {}): SantaCommand {
  const trimmed = text.trim();
  const split = /^(\S+)\s*([\s\S]*)$/u.exec(trimmed);
  if (split === null) return { name: 'help' };

  const word = (split[1] as string).toLowerCase();
  const rest = split[2] as string;
  if (!isCommandName(word))
    throw new UserError('UNKNOWN_COMMAND', problems.unknownCommand(split[1] as string), word);

  try {
    return parseArguments(word, rest, options);
  } catch (error) {
    if (error instanceof UserError) {
      throw new UserError(error.code, problems.withUsage(error.message, word), error.value, { cause: error });
    }
    throw error;
  }
}

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

function parseArguments(name: CommandName, rest: string, options: ParseOptions): SantaCommand {
  if (name === 'wishlist') {
    const text = validateWishlist(unwrapMarkup(rest));
    return text === '' ? { name } : { name, text };
  }

  const words = tokenize(rest);
  if (WITHOUT_ARGUMENTS.has(name)) {
    if (words.length > 0) throw unexpected(words[0] as string);
    return { name } as SantaCommand;
  }

  switch (name) {
    case 'create':
      return parseCreate(words);
    case 'leave':
      return parseLeave(words);
    case 'exclude':
      return parseExclude(words);
    case 'household':
      return parseHousehold(words);
    case 'contact':
      return parseContact(words, options);
    default: {
      const topic = words[0]?.toLowerCase();
      return topic !== undefined && isCommandName(topic) ? { name: 'help', topic } : { name: 'help' };
    }
  }
}

/** Option words of `create`; one written in the wrong form (`avoid-past` without a number) is an error, not part of the name. */
const CREATE_OPTIONS = new Set(['no-reciprocal', 'single-loop', 'avoid-past', 'name', 'budget', 'date']);

function parseCreate(words: string[]): SantaCommand {
  const rules: Partial<ExchangeRules> = {};
  const nameWords: string[] = [];
  let exchangeName: string | undefined;
  let budget: string | undefined;
  let date: string | undefined;

  for (const word of words) {
    const equals = word.indexOf('=');
    const key = (equals === -1 ? word : word.slice(0, equals)).toLowerCase();
    const value = equals === -1 ? undefined : word.slice(equals + 1);

    if (key === 'no-reciprocal' && value === undefined) rules.noReciprocal = true;
    else if (key === 'single-loop' && value === undefined) rules.singleLoop = true;
    else if (key === 'avoid-past' && value !== undefined) rules.avoidPast = validateAvoidPast(value);
    else if (key === 'name' && value !== undefined) exchangeName = validateExchangeName(unwrapMarkup(value));
    else if (key === 'budget' && value !== undefined) budget = validateBudget(value);
    else if (key === 'date' && value !== undefined) date = validateDate(value);
    else if (value !== undefined || CREATE_OPTIONS.has(key) || readMention(word) !== null)
      throw unexpected(word);
    else nameWords.push(word);
  }

  if (nameWords.length > 0) {
    if (exchangeName !== undefined) throw unexpected(nameWords[0] as string);
    exchangeName = validateExchangeName(unwrapMarkup(nameWords.join(' ')));
  }

  const command: SantaCommand & { name: 'create' } = { name: 'create' };
  if (exchangeName !== undefined) command.exchangeName = exchangeName;
  if (budget !== undefined) command.budget = budget;
  if (date !== undefined) command.date = date;
  if (Object.keys(rules).length > 0) command.rules = rules;
  return command;
}

function parseLeave(words: string[]): SantaCommand {
  if (words.length === 0) return { name: 'leave' };
  if (words.length > 1) throw unexpected(words[1] as string);
  return { name: 'leave', person: requireMention(words[0] as string) };
}

function parseExclude(words: string[]): SantaCommand {
  const people: UserRef[] = [];
  let twoWay = false;
  let remove = false;

  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'both') twoWay = true;
    else if (lower === 'remove') remove = true;
    else people.push(requireMention(word));
  }

  if (people.length === 0) throw new UserError('MISSING_ARGUMENT', problems.missingPerson(), '');
  if (people.length > 2) throw unexpected(words[words.length - 1] as string);

  const [first, second] = people as [UserRef, UserRef | undefined];
  return second === undefined
    ? { name: 'exclude', recipient: first, twoWay, remove }
    : { name: 'exclude', giver: first, recipient: second, twoWay, remove };
}

function parseHousehold(words: string[]): SantaCommand {
  const members = words.map(requireMention);
  const unique = members.filter(
    (member, index) => members.findIndex((m) => m.userId === member.userId) === index,
  );
  if (unique.length < 2)
    throw new UserError('MISSING_ARGUMENT', problems.householdTooSmall(), words.join(' '));
  return { name: 'household', members: unique };
}

function parseContact(words: string[], options: ParseOptions): SantaCommand {
  if (words.length === 1 && words[0]?.toLowerCase() === 'clear') return { name: 'contact', clear: true };

  const command: SantaCommand & { name: 'contact' } = { name: 'contact', clear: false };
  for (const word of words) {
    if (word.toLowerCase() === 'clear') throw unexpected(word);
    const value = unwrapMarkup(word);
    const equals = value.indexOf('=');
    // A bare value counts as an email address when it contains @, else as a phone number.
    let key = value.includes('@') ? 'email' : 'phone';
    let typed = value;
    if (equals !== -1) {
      key = value.slice(0, equals).toLowerCase();
      typed = value.slice(equals + 1);
    }

    if (key === 'phone' && command.phone === undefined)
      command.phone = normalisePhone(typed, options.defaultCountry);
    else if (key === 'email' && command.email === undefined) command.email = normaliseEmail(typed);
    else throw unexpected(word);
  }
  return command;
}

function requireMention(word: string): UserRef {
  const mention = readMention(word);
  if (mention === null) throw new UserError('BAD_ARGUMENT', problems.notAMention(word), word);
  return mention;
}

function unexpected(word: string): UserError {
  return new UserError('BAD_ARGUMENT', problems.unexpectedWord(word), word);
}
