/**
 * What the `santa` command line prints: problems found in a participant file, progress, summaries and
 * errors. Output goes to a terminal, so it is plain text without markup.
 */
// ---------------------------------------------------------------------------------------------------
// Participant file problems
// ---------------------------------------------------------------------------------------------------

/** Everything a participant-file problem message may mention. */
export interface CsvProblemDetail {
  code: string;
  line: number | null;
  column: number | null;
  field: string | null;
  value: string;
  /** The line a duplicate name first appeared on. */
  firstLine?: number;
  /** The person of the row, for problems about one person. */
  person?: string;
  /** How many columns the header has, or 4 without a header. */
  columnCount?: number;
  headerless?: boolean;
  /** The CSV parser's error code, for MALFORMED_CSV. */
  parserCode?: string;
}

/** Returns where a problem is, for example `line 4, column 2 (email)`. */
export function csvLocation(line: number | null, column: number | null, field: string | null): string {
  if (line === null) return 'file';
  if (column === null) return `line ${line}`;
  return field === null ? `line ${line}, column ${column}` : `line ${line}, column ${column} (${field})`;
}

/** Returns one participant-file problem as a sentence that names its place and value and what to do. */
export function csvProblemText(problem: CsvProblemDetail): string {
  const where = csvLocation(problem.line, problem.column, problem.field);
  const value = JSON.stringify(problem.value);
  const person = problem.person ?? '';

  switch (problem.code) {
    case 'MALFORMED_CSV':
      return `${where}: ${malformedReason(problem.parserCode)}. Check the double quotes on this line.`;
    case 'NO_NAME_COLUMN':
      return `${where}: the header row has no name column. Call the column of people "name".`;
    case 'DUPLICATE_COLUMN':
      return `${where}: ${value} repeats a column that is already in the header. Remove one of the two.`;
    case 'TOO_MANY_COLUMNS':
      return problem.headerless
        ? `${where}: ${value} is beyond the 4 columns of a file without a header row (name, email, phone, exclusions). Add a header row, or quote values that contain the delimiter.`
        : `${where}: ${value} is beyond the last column of the header (${problem.columnCount ?? 0} columns). Quote values that contain the delimiter.`;
    case 'EMPTY_NAME':
      return `${where}: the name is empty. Every row needs a name.`;
    case 'DUPLICATE_NAME':
      return `${where}: ${value} is already on line ${problem.firstLine ?? '?'}. Give each person a different name, for example with an initial.`;
    case 'NO_CONTACT':
      return `${where}: ${JSON.stringify(person)} has neither an email address nor a phone number. Add one so that santa can reach them.`;
    case 'INVALID_EMAIL':
      return `${where}: ${value} is not a valid email address.`;
    case 'INVALID_PHONE':
      return `${where}: ${value} is not a valid phone number. Write it with its country code, for example +44 7700 900123.`;
    case 'PHONE_NEEDS_COUNTRY':
      return `${where}: ${value} has no country code. Write it as +<country code><number>, or set SANTA_DEFAULT_COUNTRY (for example GB) for national numbers.`;
    case 'UNKNOWN_CHANNEL':
      return `${where}: ${value} is not a channel. Use sms, email or file, separated by ";".`;
    case 'CHANNEL_WITHOUT_ADDRESS':
      return `${where}: ${value} is chosen for ${JSON.stringify(person)}, who has no ${problem.value === 'sms' ? 'phone number' : 'email address'}.`;
    case 'UNKNOWN_EXCLUSION':
      return `${where}: ${value} names nobody in the file. Check the spelling against the name column.`;
    case 'SELF_EXCLUSION':
      return `${where}: ${JSON.stringify(person)} excludes themselves. Remove it, because nobody draws themselves anyway.`;
    case 'TOO_FEW_PEOPLE':
      return `${where}: the file lists ${problem.value} ${problem.value === '1' ? 'person' : 'people'}, and a draw needs at least 2.`;
    default:
      return `${where}: ${value} is not accepted (${problem.code}).`;
  }
}

function malformedReason(parserCode: string | undefined): string {
  switch (parserCode) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a double quote opens a value and is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing double quote is followed by more text';
    default:
      return 'this row is not valid CSV';
  }
}

/** Returns why a participant file could not be read. `reason` is the system error code (EACCES, EISDIR). */
export function csvFileErrorText(
  code: 'CSV_FILE_NOT_FOUND' | 'CSV_FILE_UNREADABLE' | 'CSV_NOT_UTF8',
  path: string,
  reason = '',
): string {
  switch (code) {
    case 'CSV_FILE_NOT_FOUND':
      return `Participant file not found: ${path}. Check the path.`;
    case 'CSV_FILE_UNREADABLE':
      return `Cannot read the participant file ${path} (${reason}). Check that it is a file you may read.`;
    case 'CSV_NOT_UTF8':
      return `The participant file ${path} is not UTF-8 text. Save it as "CSV UTF-8" (Excel) or UTF-8 and try again.`;
  }
}
