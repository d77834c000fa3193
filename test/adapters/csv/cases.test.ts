import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { readParticipantsFile } from '../../../src/adapters/csv/index.js';
import type { CsvImportResult, ImportedPerson } from '../../../src/adapters/csv/types.js';

/** The imported people; throws, failing the test, when the file was rejected. */
const peopleOf = (result: CsvImportResult): ImportedPerson[] => {
  if (!result.ok) throw new Error(`expected a clean import, got ${JSON.stringify(result.problems)}`);
  return result.people;
};

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/csv/${name}`, import.meta.url));

describe('participant files from the shared cases', () => {
  it.each([
    ['trailing-newline.csv', ['Ann', 'Bo', 'Cy', 'Dee']],
    ['excel-bom-crlf.csv', ['Ann', 'Bo', 'Cy', 'Dee']],
    ['headerless-four-columns.csv', ['Ann', 'Bo', 'Cy', 'Dee']],
    ['quoted-comma-names.csv', ['Smith, Jo', 'Smith, Al', 'Pat', 'Lee']],
  ])('%s imports cleanly', async (file, names) => {
    const result = await readParticipantsFile(fixture(file));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.people.map((person) => person.displayName)).toEqual(names);
  });

  it('trailing-newline.csv keeps every value', async () => {
    const result = await readParticipantsFile(fixture('trailing-newline.csv'));

    expect(result).toEqual({
      ok: true,
      people: [
        person(2, 'Ann', { email: 'ann@example.org', exclusions: ['bo'] }),
        person(3, 'Bo', { phone: '+447700900001', exclusions: ['ann'] }),
        person(4, 'Cy', { email: 'cy@example.org', phone: '+447700900002' }),
        person(5, 'Dee', { email: 'dee@example.org' }),
      ],
    });
  });

  it('excel-bom-crlf.csv has no BOM or CR in values', async () => {
    const result = await readParticipantsFile(fixture('excel-bom-crlf.csv'));

    expect(peopleOf(result)[0]).toEqual(person(2, 'Ann', { email: 'ann@example.org', exclusions: ['bo'] }));
    expect(peopleOf(result)[3]).toEqual(person(5, 'Dee', { email: 'dee@example.org', exclusions: ['cy'] }));
  });

  it('headerless-four-columns.csv splits exclusions on ;', async () => {
    const result = await readParticipantsFile(fixture('headerless-four-columns.csv'));

    expect(peopleOf(result)[1]).toEqual(person(2, 'Bo', { phone: '+447700900001', exclusions: ['ann'] }));
    expect(peopleOf(result)[3]).toEqual(
      person(4, 'Dee', { email: 'dee@example.org', exclusions: ['ann', 'cy'] }),
    );
  });

  it('quoted-comma-names.csv matches quoted names with commas', async () => {
    const result = await readParticipantsFile(fixture('quoted-comma-names.csv'));

    expect(peopleOf(result)[0]?.exclusions).toEqual(['smith, al']);
    expect(peopleOf(result)[1]?.exclusions).toEqual(['smith, jo']);
  });

  it.each([
    [
      'unknown-exclusion.csv',
      {
        code: 'UNKNOWN_EXCLUSION',
        line: 3,
        column: 4,
        field: 'exclusions',
        value: 'Zed',
        message:
          'line 3, column 4 (exclusions): "Zed" names nobody in the file. Check the spelling against the name column.',
      },
    ],
    [
      'duplicate-names.csv',
      {
        code: 'DUPLICATE_NAME',
        line: 4,
        column: 1,
        field: 'name',
        value: 'Sam',
        message:
          'line 4, column 1 (name): "Sam" is already on line 2. Give each person a different name, for example with an initial.',
      },
    ],
    [
      'no-contact.csv',
      {
        code: 'NO_CONTACT',
        line: 3,
        column: null,
        field: null,
        value: 'Bo',
        message:
          'line 3: "Bo" has neither an email address nor a phone number. Add one so that santa can reach them.',
      },
    ],
  ])('%s is rejected naming line and value', async (file, problem) => {
    const result = await readParticipantsFile(fixture(file));

    expect(result).toEqual({ ok: false, problems: [problem] });
  });
});

function person(
  line: number,
  displayName: string,
  values: { email?: string; phone?: string; exclusions?: string[] },
): unknown {
  return {
    line,
    displayName,
    nameKey: displayName.toLowerCase(),
    email: values.email ?? null,
    phone: values.phone ?? null,
    household: null,
    wishlist: null,
    channels: null,
    exclusions: values.exclusions ?? [],
  };
}
