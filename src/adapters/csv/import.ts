/**
 * Reads a participant file into people, or into the full list of problems that make it unusable.
 *
 * Layout: a header row whose cells name the columns, or no header and the columns name, email, phone,
 * exclusions. headers.ts lists the spellings accepted, and unknown columns are ignored. The delimiter is
 * a comma, a semicolon or a tab: named by an Excel `sep=` first line, or else guessed from the first lines.
 *
 * Lists: the people in the exclusions cell are separated by `;`. Where a piece names nobody and
 * contains commas, each comma-separated part is tried as a name instead. That makes `Ann, Bo` work in a
 * semicolon-delimited file, where Excel quotes a cell containing `;` but many people type commas, and
 * still lets a quoted "Smith, Jo" name one person in a comma-delimited file.
 */
import { cleanDisplayName, nameKey } from '../../bot/names.js';
import { csvProblemText, type CsvProblemDetail } from '../../bot/texts/cli.js';
import { chooseDelimiter } from './delimiter.js';
import { HEADERLESS_FIELDS, layoutOfHeader, looksLikeHeader } from './headers.js';
import { readPersonRow, type PersonDraft, type ReportProblem } from './person-row.js';
import { readRows } from './rows.js';
import type { CsvField, CsvImportOptions, CsvImportResult, CsvProblem, ImportedPerson } from './types.js';

const MIN_PEOPLE = 2;

/**
 * Parses the text of a participant file. Pure: the same text and options give the same result, and no
 * input makes it throw. The people come in file order; on any problem, no person is returned.
 */
export function parseParticipantsCsv(text: string, options: CsvImportOptions = {}): CsvImportResult {
  const problems: CsvProblem[] = [];
  const report: ReportProblem = (detail) => {
    problems.push({ ...pick(detail), message: csvProblemText(detail) });
  };

  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { delimiter, text: body } = chooseDelimiter(normalised);
  const parsed = readRows(body, delimiter);
  if (!parsed.ok) {
    const detail = { code: 'MALFORMED_CSV', line: parsed.line, column: null, field: null, value: '' };
    report({ ...detail, parserCode: parsed.parserCode });
    return { ok: false, problems };
  }

  // The header, or the fixed layout of a file without one.
  let rows = parsed.rows;
  let fields: (CsvField | null)[] = [...HEADERLESS_FIELDS];
  const header = rows[0];
  const headerless = header === undefined || !looksLikeHeader(header.cells);
  if (header !== undefined && !headerless) {
    const layout = layoutOfHeader(header.cells);
    for (const [index, cell] of layout.duplicates) {
      report({ code: 'DUPLICATE_COLUMN', line: header.line, column: index + 1, field: null, value: cell });
    }
    if (!layout.hasName) {
      report({ code: 'NO_NAME_COLUMN', line: header.line, column: null, field: null, value: '' });
      return { ok: false, problems };
    }
    fields = layout.fields;
    rows = rows.slice(1);
  }

  // Each row on its own, then what needs the whole file: duplicates and exclusions.
  const drafts = rows.map((row) => readPersonRow(row, fields, { ...options, headerless }, report));
  const people = checkNames(drafts, report);
  resolveExclusions(drafts, people, report);
  unifyHouseholds(drafts);

  if (people.size < MIN_PEOPLE) {
    report({ code: 'TOO_FEW_PEOPLE', line: null, column: null, field: null, value: String(people.size) });
  }

  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, people: drafts.map((draft) => draft.person) };
}

/** Reports empty and repeated names; returns the first line of each name key. */
function checkNames(drafts: readonly PersonDraft[], report: ReportProblem): Map<string, number> {
  const firstLine = new Map<string, number>();

  for (const { person, nameColumn, rawName } of drafts) {
    if (person.nameKey === '') continue;
    const earlier = firstLine.get(person.nameKey);
    if (earlier === undefined) {
      firstLine.set(person.nameKey, person.line);
      continue;
    }
    report({
      code: 'DUPLICATE_NAME',
      line: person.line,
      column: nameColumn,
      field: 'name',
      value: rawName,
      firstLine: earlier,
    });
  }

  return firstLine;
}

/** Turns each exclusion into a name key of the file, reporting names of nobody and of oneself. */
function resolveExclusions(
  drafts: PersonDraft[],
  people: ReadonlyMap<string, number>,
  report: ReportProblem,
): void {
  for (const draft of drafts) {
    const { person, exclusionColumn } = draft;
    const keys = new Set<string>();
    const where = { line: person.line, column: exclusionColumn, field: 'exclusions' as const };

    for (const piece of draft.exclusionNames) {
      const wholeKey = nameKey(piece);
      const names = people.has(wholeKey) || !piece.includes(',') ? [piece] : piece.split(',');

      for (const name of names.map(cleanDisplayName).filter((name) => name !== '')) {
        const key = nameKey(name);
        if (!people.has(key)) report({ code: 'UNKNOWN_EXCLUSION', ...where, value: name });
        else if (key === person.nameKey) {
          report({ code: 'SELF_EXCLUSION', ...where, value: name, person: person.displayName });
        } else keys.add(key);
      }
    }

    person.exclusions = [...keys];
  }
}

/** Gives every row of a household the label of its first row, so that "Smiths" and "smiths " are one. */
function unifyHouseholds(drafts: readonly PersonDraft[]): void {
  const labels = new Map<string, string>();
  for (const { person } of drafts) {
    if (person.household === null) continue;
    const key = nameKey(person.household);
    const label = labels.get(key) ?? person.household;
    labels.set(key, label);
    person.household = label;
  }
}

function pick(detail: CsvProblemDetail & { field: CsvField | null }): Omit<CsvProblem, 'message'> {
  return {
    code: detail.code as CsvProblem['code'],
    line: detail.line,
    column: detail.column,
    field: detail.field,
    value: detail.value,
  };
}

/** File order: by line, then column; problems of the whole file last. */
function sortProblems(problems: CsvProblem[]): CsvProblem[] {
  const position = (problem: CsvProblem): [number, number] => [
    problem.line ?? Number.MAX_SAFE_INTEGER,
    problem.column ?? 0,
  ];
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => {
      const [lineA, columnA] = position(a.problem);
      const [lineB, columnB] = position(b.problem);
      return lineA - lineB || columnA - columnB || a.index - b.index;
    })
    .map(({ problem }) => problem);
}

export type { ImportedPerson };
