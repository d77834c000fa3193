import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import type { ChannelKind } from '../../bot/model.js';

/** The channels a participant file may ask for; platform DMs need a platform identity, which a file lacks. */
export const FILE_CHANNELS: readonly ChannelKind[] = ['sms', 'email', 'file'];

/**
 * A practical email check: one `@`, no spaces, quotes or angle brackets, and a domain of dot-separated
 * labels with a top-level label of two or more letters. Internationalised domains are accepted.
 * Whether the mailbox exists is only known when the SMTP server replies.
 */
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

/** RFC 5321 caps a forward path at 256 octets, which leaves 254 for the address itself. */
const EMAIL_MAX_LENGTH = 254;

export function isValidEmail(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}

export type PhoneParse = { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'needs-country' };

/**
 * Normalises a phone number to E.164. A number without `+` or `00` is read as a national number of
 * `defaultCountry`. The check is libphonenumber-js's `isPossible` (a length that fits the country),
 * not `isValid`: the stricter check rejects ranges reserved for fiction and test use, such as
 * +44 7700 900xxx, and lags behind newly issued ranges. Twilio rejects a number that is not in service
 * (error 21211) and the delivery moves on to the person's next channel.
 */
export function parsePhone(value: string, defaultCountry: CountryCode | undefined): PhoneParse {
  const international = /^\s*(\+|00)/.test(value);
  if (!international && defaultCountry === undefined) {
    return /\d/.test(value) ? { ok: false, reason: 'needs-country' } : { ok: false, reason: 'invalid' };
  }

  // Only digits, spaces and the usual separators belong in a phone number; libphonenumber-js would
  // otherwise find a number inside free text.
  if (!/^[\d\s()+./-]+$/.test(value)) return { ok: false, reason: 'invalid' };

  const withPlus = value.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry === undefined ? {} : { defaultCountry });
  if (parsed === undefined || !parsed.isPossible()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}

/**
 * Splits a list cell (exclusions, channels) on `;`. Each piece is trimmed and empty pieces dropped.
 */
export function splitList(value: string): string[] {
  return value
    .split(';')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

/** Reads a channel cell: names separated by `;`, `,` or spaces. Returns the channels and the unknown names. */
export function parseChannels(value: string): { channels: ChannelKind[]; unknown: string[] } {
  const channels: ChannelKind[] = [];
  const unknown: string[] = [];

  for (const piece of value.split(/[;,\s]+/)) {
    if (piece === '') continue;
    const kind = piece.toLowerCase() as ChannelKind;
    if (!FILE_CHANNELS.includes(kind)) unknown.push(piece);
    else if (!channels.includes(kind)) channels.push(kind);
  }

  return { channels, unknown };
}
