import type { CountryCode } from 'libphonenumber-js';

import { cleanDisplayName, nameKey } from '../../bot/names.js';
import type { CsvProblemDetail } from '../../bot/texts/cli.js';
import type { CsvRow } from './rows.js';
import type { CsvField, ImportedPerson } from './types.js';
import { isValidEmail, parseChannels, parsePhone, splitList } from './values.js';

/** The longest name accepted, as in `/santa` commands; longer ones break status tables and file names. */
export const MAX_NAME_LENGTH = 80;
/** A person read from one row, with what the checks across rows still need. */
export interface PersonDraft {
  person: ImportedPerson;
  rawName: string;
  nameColumn: number | null;
  exclusionColumn: number | null;
  /** The exclusion cell split on `;`, not yet matched to names. */
  exclusionNames: string[];
}

export type ReportProblem = (detail: CsvProblemDetail & { field: CsvField | null }) => void;

/**
 * Reads and checks the values of one row: the name is present, contact details are valid, and the
 * channels are known and have an address. Problems go to `report`; the draft is returned either way so
 * that the checks across rows still run.
 */
export function readPersonRow(
  row: CsvRow,
  fields: readonly (CsvField | null)[],
  options: { defaultCountry?: CountryCode; headerless: boolean },
  report: ReportProblem,
): PersonDraft {
  const cell = (field: CsvField): { value: string; column: number | null } => {
    const index = fields.indexOf(field);
    return index === -1 ? { value: '', column: null } : { value: row.cells[index] ?? '', column: index + 1 };
  };
  const at = (field: CsvField, column: number | null) => ({ line: row.line, column, field });

  checkExtraColumns(row, fields.length, options.headerless, report);

  const name = cell('name');
  const displayName = cleanDisplayName(name.value);
  if (displayName === '') report({ code: 'EMPTY_NAME', ...at('name', name.column), value: name.value });
  if (displayName.length > MAX_NAME_LENGTH) {
    report({ code: 'NAME_TOO_LONG', ...at('name', name.column), value: name.value });
  }

  const emailCell = cell('email');
  const email = emailCell.value.trim();
  if (email !== '' && !isValidEmail(email)) {
    report({ code: 'INVALID_EMAIL', ...at('email', emailCell.column), value: emailCell.value });
  }

  const phoneCell = cell('phone');
  const phoneText = phoneCell.value.trim();
  let phone: string | null = null;
  if (phoneText !== '') {
    const parsed = parsePhone(phoneText, options.defaultCountry);
    if (parsed.ok) phone = parsed.e164;
    else {
      const code = parsed.reason === 'needs-country' ? 'PHONE_NEEDS_COUNTRY' : 'INVALID_PHONE';
      report({ code, ...at('phone', phoneCell.column), value: phoneCell.value });
    }
  }

  if (email === '' && phoneText === '' && displayName !== '') {
    report({
      code: 'NO_CONTACT',
      line: row.line,
      column: null,
      field: null,
      value: displayName,
      person: displayName,
    });
  }

  const channelCell = cell('channel');
  const { channels, unknown } = parseChannels(channelCell.value);
  for (const value of unknown)
    report({ code: 'UNKNOWN_CHANNEL', ...at('channel', channelCell.column), value });
  for (const channel of channels) {
    const missing = (channel === 'sms' && phoneText === '') || (channel === 'email' && email === '');
    if (missing && displayName !== '') {
      const detail = { code: 'CHANNEL_WITHOUT_ADDRESS', value: channel, person: displayName };
      report({ ...detail, ...at('channel', channelCell.column) });
    }
  }

  const household = cleanDisplayName(cell('household').value);
  const wishlist = cell('wishlist').value.trim();
  const exclusions = cell('exclusions');

  return {
    person: {
      line: row.line,
      displayName,
      nameKey: nameKey(displayName),
      email: email === '' ? null : email,
      phone,
      household: household === '' ? null : household,
      wishlist: wishlist === '' ? null : wishlist,
      channels: channels.length === 0 ? null : channels,
      exclusions: [],
    },
    rawName: name.value,
    nameColumn: name.column,
    exclusionColumn: exclusions.column,
    exclusionNames: splitList(exclusions.value),
  };
}

/** Reports the first non-blank value beyond the known columns; trailing empty cells are harmless. */
function checkExtraColumns(
  row: CsvRow,
  columnCount: number,
  headerless: boolean,
  report: ReportProblem,
): void {
  const extra = row.cells.findIndex((value, index) => index >= columnCount && value.trim() !== '');
  if (extra === -1) return;
  report({
    code: 'TOO_MANY_COLUMNS',
    line: row.line,
    column: extra + 1,
    field: null,
    value: row.cells[extra] ?? '',
    columnCount,
    headerless,
  });
}
