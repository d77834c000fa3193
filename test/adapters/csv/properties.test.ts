import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  CsvFileError,
  parseParticipantsBytes,
  parseParticipantsCsv,
  type CsvImportResult,
} from '../../../src/adapters/csv/index.js';
import { nameKey } from '../../../src/bot/names.js';

/** Checks that a clean import has 2+ people with distinct keys and valid exclusions, and a rejection has problems. */
function expectWellFormed(result: CsvImportResult): void {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) expect(problem.message).not.toBe('');
    return;
  }

  const keys = result.people.map((person) => person.nameKey);
  expect(result.people.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(keys.length);
  for (const person of result.people) {
    expect(person.email !== null || person.phone !== null).toBe(true);
    expect(person.nameKey).toBe(nameKey(person.displayName));
    for (const excluded of person.exclusions) {
      expect(keys).toContain(excluded);
      expect(excluded).not.toBe(person.nameKey);
    }
  }
}

const cellText = fc.oneof(
  fc.constantFrom(
    '',
    'Ann',
    'Bo',
    'ann@example.org',
    '+447700900001',
    '07700 900123',
    'sms',
    'email;file',
    'Ann;Bo',
    '"',
    ',',
    ';',
    '\n',
    '\r\n',
    ' ',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

const rows = fc.array(fc.array(cellText, { maxLength: 7 }), { maxLength: 12 });

describe('participant import never crashes', () => {
  it('random bytes give a rejection, a CsvFileError or an import', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          expectWellFormed(parseParticipantsBytes(bytes, 'random.csv'));
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFileError);
          expect((error as CsvFileError).code).toBe('CSV_NOT_UTF8');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random text gives a well-formed result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectWellFormed(parseParticipantsCsv(text, { defaultCountry: 'GB' }));
      }),
      { numRuns: 500 },
    );
  });

  it.each([',', ';', '\t'])('random rows delimited by %j give a well-formed result', (delimiter) => {
    fc.assert(
      fc.property(rows, fc.boolean(), fc.boolean(), (table, header, quoteAll) => {
        const cell = (value: string): string => (quoteAll ? `"${value.replaceAll('"', '""')}"` : value);
        const lines = table.map((row) => row.map(cell).join(delimiter));
        if (header)
          lines.unshift(['name', 'email', 'phone', 'exclusions', 'household', 'channel'].join(delimiter));
        expectWellFormed(parseParticipantsCsv(lines.join('\n'), { defaultCountry: 'GB' }));
      }),
      { numRuns: 300 },
    );
  });

  it('random valid people import with every exclusion kept', () => {
    const person = fc.record({
      name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}$/),
      household: fc.constantFrom('', 'North', 'South'),
    });

    fc.assert(
      fc.property(
        fc.uniqueArray(person, { minLength: 2, maxLength: 15, selector: (p) => nameKey(p.name) }),
        (list) => {
          const lines = list.map((p, index) => {
            const excluded = list[(index + 1) % list.length]?.name ?? '';
            const exclusion = nameKey(excluded) === nameKey(p.name) ? '' : excluded;
            return `"${p.name}",p${index}@example.org,,"${exclusion}",${p.household}`;
          });
          const result = parseParticipantsCsv(
            ['name,email,phone,exclusions,household', ...lines].join('\r\n'),
          );

          expectWellFormed(result);
          expect(result.ok).toBe(true);
          expect(result.ok ? result.people.length : 0).toBe(list.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
