export type CsvDelimiter = ',' | ';' | '\t';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Excel's delimiter hint: a first line `sep=;` written by Excel and some exporters, and understood
 * by Excel when it opens the file.
 */
const SEPARATOR_HINT = /^sep=(.)[ \t]*(?=\n|$)/i;

/**
 * Returns the delimiter of a file: the one named by a `sep=` first line, which is then blanked so
 * that line numbers stay right, or else the one `detectDelimiter` guesses.
 */
export function chooseDelimiter(text: string): { delimiter: CsvDelimiter; text: string } {
  const hint = SEPARATOR_HINT.exec(text);
  const named = CANDIDATES.find((candidate) => candidate === hint?.[1]);
  if (hint !== null && named !== undefined) return { delimiter: named, text: text.slice(hint[0].length) };
  return { delimiter: detectDelimiter(text), text };
}

/** How many lines the guess looks at; a participant file shows its shape in its first rows. */
const SAMPLE_LINES = 10;

/**
 * Guesses the field delimiter from the first non-blank lines: a comma, a semicolon (as Excel saves CSV
 * in locales whose decimal mark is a comma) or a tab. The delimiter that splits the most sample lines
 * into two or more fields wins. A tie goes to the one that splits the first line into more fields, then
 * to the comma. Delimiters inside double quotes do not count.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = sampleLines(text);
  if (lines.length === 0) return ',';

  let best: CsvDelimiter = ',';
  let bestScore: [number, number] = [-1, -1];

  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const score: [number, number] = [counts.filter((count) => count > 0).length, counts[0] ?? 0];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = delimiter;
      bestScore = score;
    }
  }

  return best;
}

/**
 * Returns up to SAMPLE_LINES logical lines, keeping a quoted line break inside its line so that a
 * multi-line wishlist does not look like a row of its own.
 */
function sampleLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  let quoted = false;

  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === '\n' && !quoted) {
      if (current.trim() !== '') lines.push(current);
      if (lines.length >= SAMPLE_LINES) return lines;
      current = '';
      continue;
    }
    current += char;
  }

  if (current.trim() !== '' && lines.length < SAMPLE_LINES) lines.push(current);
  return lines;
}

function countOutsideQuotes(line: string, delimiter: CsvDelimiter): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}
