import { CsvError, parse } from 'csv-parse/sync';

import type { CsvDelimiter } from './delimiter.js';

/** One record of the file with the line it starts on. */
export interface CsvRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export type RowsResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; parserCode: string };

/**
 * Splits the text into records with csv-parse, skipping rows whose cells are all blank (Excel writes
 * `,,,` for an empty row). Quotes inside an unquoted value are kept as written (`relax_quotes`), so
 * that `Jo "JJ" Smith` is a name and not an error. Expects `\n` line endings and no byte order mark.
 */
export function readRows(text: string, delimiter: CsvDelimiter): RowsResult {
  let lastEndLine = 0;

  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      on_record: (record, context) => {
        lastEndLine = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];

    const rows = records.map(({ record, info }) => ({ line: startLine(info.lines, record), cells: record }));
    return { ok: true, rows: rows.filter((row) => row.cells.some((cell) => cell.trim() !== '')) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, line: firstLineAfter(text, lastEndLine), parserCode: error.code };
  }
}

/** csv-parse counts the line a record ends on; a quoted line break inside the record moves its start up. */
function startLine(endLine: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (const char of cell) if (char === '\n') breaks++;
  }
  return endLine - breaks;
}

/** Returns the first non-blank line after `line`: where the record that failed to parse starts. */
function firstLineAfter(text: string, line: number): number {
  const lines = text.split('\n');
  for (let index = line; index < lines.length; index++) {
    if (lines[index]?.trim() !== '') return index + 1;
  }
  return line + 1;
}
