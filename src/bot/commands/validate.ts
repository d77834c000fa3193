/**
 * Checks and normalises the values people type into commands and modals. Each function returns the
 * cleaned value or throws a UserError whose message names the value; Slack text, the Slack modal and
 * the Discord options all pass through here, so the limits are the same everywhere.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import { UserError } from '../errors.js';
import { cleanDisplayName } from '../names.js';
import { problems } from '../texts/commands.js';

/** Maximum lengths, in characters, of the free-text fields. */
export const LIMITS = {
  exchangeName: 80,
  budget: 40,
  wishlist: 1000,
  /** The avoid-repeats rule looks back at most this many exchanges. */
  avoidPast: 10,
} as const;

/** Returns the exchange name trimmed, with inner white space collapsed. */
export function validateExchangeName(text: string): string {
  const name = cleanDisplayName(text);
  if (name === '') throw new UserError('MISSING_ARGUMENT', problems.missingExchangeName(), text);
  if (name.length > LIMITS.exchangeName) {
    throw new UserError('TOO_LONG', problems.tooLong('name', name, LIMITS.exchangeName), name);
  }
  return name;
}

/** Returns the budget as typed (trimmed); it is free text such as `£20` or `20 EUR`. */
export function validateBudget(text: string): string {
  const budget = cleanDisplayName(text);
  if (budget === '') throw new UserError('BAD_ARGUMENT', problems.emptyValue('budget'), text);
  if (budget.length > LIMITS.budget) {
    throw new UserError('TOO_LONG', problems.tooLong('budget', budget, LIMITS.budget), budget);
  }
  return budget;
}

/** Returns the date when it is a real calendar date written `YYYY-MM-DD` (2026-02-30 is rejected). */
export function validateDate(text: string): string {
  const date = text.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (match === null) throw new UserError('INVALID_DATE', problems.invalidDate(date), date);

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  const isReal =
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  if (!isReal) throw new UserError('INVALID_DATE', problems.invalidDate(date), date);
  return date;
}

/** Returns how many past exchanges to avoid, a whole number from 0 to LIMITS.avoidPast. */
export function validateAvoidPast(text: string): number {
  const value = text.trim();
  if (!/^\d{1,3}$/u.test(value) || Number(value) > LIMITS.avoidPast) {
    throw new UserError('BAD_ARGUMENT', problems.invalidAvoidPast(value, LIMITS.avoidPast), value);
  }
  return Number(value);
}

/** Returns the wishlist trimmed; line breaks are kept because people write lists. */
export function validateWishlist(text: string): string {
  const wishlist = text.normalize('NFC').trim();
  if (wishlist.length > LIMITS.wishlist) {
    throw new UserError('TOO_LONG', problems.tooLong('wishlist', wishlist, LIMITS.wishlist), wishlist.length);
  }
  return wishlist;
}

/**
 * Returns the phone number in E.164. A number without a country code is read in `defaultCountry` when
 * given. Validity is judged by libphonenumber-js's bundled metadata, so numbers in ranges that no
 * operator uses are rejected too.
 */
export function normalisePhone(text: string, defaultCountry?: CountryCode): string {
  const typed = text.trim();
  const parsed = parsePhoneNumberFromString(typed, defaultCountry);
  if (parsed === undefined || !parsed.isValid()) {
    throw new UserError('INVALID_PHONE', problems.invalidPhone(typed, defaultCountry !== undefined), typed);
  }
  return parsed.number;
}

// A practical check, not RFC 5322: one @, no spaces or brackets, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:.][^\s@<>()[\]",;:]*$/u;
const MAX_EMAIL_LENGTH = 254;

/** Returns the email address trimmed, with the domain in lower case. */
export function normaliseEmail(text: string): string {
  const typed = text.trim();
  if (typed.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(typed)) {
    throw new UserError('INVALID_EMAIL', problems.invalidEmail(typed), typed);
  }
  const at = typed.lastIndexOf('@');
  return typed.slice(0, at) + typed.slice(at).toLowerCase();
}
