import { readFile } from 'node:fs/promises';

import { UserError } from '../../bot/errors.js';
import { csvFileErrorText } from '../../bot/texts/cli.js';
import { parseParticipantsCsv } from './import.js';
import type { CsvImportOptions, CsvImportResult } from './types.js';

/**
 * A participant file that cannot be read at all. Codes: CSV_FILE_NOT_FOUND, CSV_FILE_UNREADABLE
 * (a folder, no permission, another I/O error) and CSV_NOT_UTF8. `value` is the path.
 */
export class CsvFileError extends UserError {
  override name = 'CsvFileError';
}

/**
 * Decodes the bytes of a participant file as UTF-8 (with or without a byte order mark) and parses it.
 * Throws CsvFileError CSV_NOT_UTF8 for bytes that are not UTF-8, such as a file saved as Windows-1252.
 */
export function parseParticipantsBytes(
  bytes: Uint8Array,
  path: string,
  options: CsvImportOptions = {},
): CsvImportResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new CsvFileError('CSV_NOT_UTF8', csvFileErrorText('CSV_NOT_UTF8', path), path, { cause: error });
  }
  return parseParticipantsCsv(text, options);
}

/** Reads and parses a participant file. Throws CsvFileError when the file cannot be read or decoded. */
export async function readParticipantsFile(
  path: string,
  options: CsvImportOptions = {},
): Promise<CsvImportResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'CSV_FILE_NOT_FOUND' : 'CSV_FILE_UNREADABLE';
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CsvFileError(code, csvFileErrorText(code, path, reason), path, { cause: error });
  }
  return parseParticipantsBytes(bytes, path, options);
}
