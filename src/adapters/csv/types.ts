import type { CountryCode } from 'libphonenumber-js';

import type { ChannelKind } from '../../bot/model.js';

/** The columns a participant file may have. `wishlist` is optional everywhere. */
export type CsvField = 'name' | 'email' | 'phone' | 'exclusions' | 'household' | 'channel' | 'wishlist';

/** One person read from a participant file, with every value cleaned and checked. */
export interface ImportedPerson {
  /** The 1-based line of the file where the person's row starts. */
  line: number;
  displayName: string;
  /** The name after trimming, NFC normalisation and case folding; unique in the file. */
  nameKey: string;
  email: string | null;
  /** E.164, for example `+447700900001`. */
  phone: string | null;
  /** The household label as first written in the file; rows that spell it differently share it. */
  household: string | null;
  wishlist: string | null;
  /** Channels to try, in order; null when the file has no channel value for the person. */
  channels: ChannelKind[] | null;
  /** Name keys of the people this person may not draw (one-way), without repeats. */
  exclusions: string[];
}

/**
 * Stable codes for what makes a file unusable.
 * - MALFORMED_CSV: the CSV itself is broken, for example a quote that is never closed.
 * - NO_NAME_COLUMN, DUPLICATE_COLUMN: the header row lacks a name column or repeats a column.
 * - TOO_MANY_COLUMNS: a row has values beyond the last column of the header (or beyond the 4th without one).
 * - EMPTY_NAME, DUPLICATE_NAME: a row without a name, or a name already used on an earlier row.
 * - NO_CONTACT: a person with neither an email address nor a phone number.
 * - INVALID_EMAIL, INVALID_PHONE: a value that is not an email address or a phone number.
 * - PHONE_NEEDS_COUNTRY: a national number without a country code while no default country is set.
 * - UNKNOWN_CHANNEL: a channel other than sms, email and file.
 * - CHANNEL_WITHOUT_ADDRESS: a channel chosen for a person who has no address for it.
 * - UNKNOWN_EXCLUSION, SELF_EXCLUSION: an exclusion naming nobody in the file, or the person themselves.
 * - TOO_FEW_PEOPLE: fewer than 2 people in the file.
 */
export type CsvProblemCode =
  | 'MALFORMED_CSV'
  | 'NO_NAME_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'TOO_MANY_COLUMNS'
  | 'EMPTY_NAME'
  | 'NAME_TOO_LONG'
  | 'DUPLICATE_NAME'
  | 'NO_CONTACT'
  | 'INVALID_EMAIL'
  | 'INVALID_PHONE'
  | 'PHONE_NEEDS_COUNTRY'
  | 'UNKNOWN_CHANNEL'
  | 'CHANNEL_WITHOUT_ADDRESS'
  | 'UNKNOWN_EXCLUSION'
  | 'SELF_EXCLUSION'
  | 'TOO_FEW_PEOPLE';

/** One reason a file was rejected, with where it is and the value at fault. */
export interface CsvProblem {
  code: CsvProblemCode;
  /** 1-based line of the file; null for problems of the whole file (too few people). */
  line: number | null;
  /** 1-based column; null when the problem is about a whole row or the whole file. */
  column: number | null;
  /** The column's meaning, when the column is known. */
  field: CsvField | null;
  /** The offending value as written in the file (or the count, for TOO_FEW_PEOPLE). */
  value: string;
  /** The problem in words, with its place and value, for the organiser. */
  message: string;
}

/** The outcome of reading a participant file: every person, or every problem and nobody. */
export type CsvImportResult = { ok: true; people: ImportedPerson[] } | { ok: false; problems: CsvProblem[] };

export interface CsvImportOptions {
  /** The country of phone numbers written without a country code (SANTA_DEFAULT_COUNTRY). */
  defaultCountry?: CountryCode;
}
