import type { CsvField } from './types.js';

/**
 * Header spellings per column, compared after lower-casing and dropping everything but letters and
 * digits, so that "E-mail", "e_mail" and "EMAIL" all match `email` and "Phone number" matches `phonenumber`.
 */
const HEADER_ALIASES: Record<CsvField, readonly string[]> = {
  name: ['name', 'fullname', 'participant'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'cell', 'cellphone', 'tel', 'telephone'],
  exclusions: ['exclusions', 'exclusion', 'excludes', 'exclude', 'not', 'cannotdraw', 'cantdraw'],
  household: ['household', 'family', 'group'],
  channel: ['channel', 'channels', 'notify'],
  wishlist: ['wishlist', 'ideas', 'giftideas'],
};

/** The columns of a file without a header row, in order. */
export const HEADERLESS_FIELDS: readonly CsvField[] = ['name', 'email', 'phone', 'exclusions'];

const FIELD_BY_ALIAS = new Map<string, CsvField>(
  Object.entries(HEADER_ALIASES).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias, field as CsvField]),
  ),
);

/** Returns the column a header cell names, or null for a column santa does not use (it is ignored). */
export function fieldOfHeader(cell: string): CsvField | null {
  const key = cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  return FIELD_BY_ALIAS.get(key) ?? null;
}

/**
 * Tells a header row from a first person. A row is a header when one of its cells is a known column
 * name and none contains an email address or something with five or more digits, as a phone number would.
 */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const namesAColumn = cells.some((cell) => fieldOfHeader(cell) !== null);
  const holdsContact = cells.some((cell) => cell.includes('@') || (cell.match(/\d/g)?.length ?? 0) >= 5);
  return namesAColumn && !holdsContact;
}

/** A header row resolved to the column index of each field. */
export interface ColumnLayout {
  /** Field per column index; null for an ignored column. */
  fields: (CsvField | null)[];
  /** Columns whose field already appeared earlier in the header: [column index, cell text]. */
  duplicates: [number, string][];
  hasName: boolean;
}

/** Maps each header cell to its field; the first of two columns with the same meaning wins. */
export function layoutOfHeader(cells: readonly string[]): ColumnLayout {
  const seen = new Set<CsvField>();
  const duplicates: [number, string][] = [];

  const fields = cells.map((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field === null) return null;
    if (seen.has(field)) {
      duplicates.push([index, cell]);
      return null;
    }
    seen.add(field);
    return field;
  });

  return { fields, duplicates, hasName: seen.has('name') };
}
