import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CsvFileError, readParticipantsFile } from '../../../src/adapters/csv/index.js';

const folder = mkdtempSync(join(tmpdir(), 'santa-csv-'));

describe('readParticipantsFile', () => {
  it('rejects a missing file by path', async () => {
    const path = join(folder, 'missing.csv');

    await expect(readParticipantsFile(path)).rejects.toThrow(CsvFileError);
    await expect(readParticipantsFile(path)).rejects.toMatchObject({
      code: 'CSV_FILE_NOT_FOUND',
      message: `Participant file not found: ${path}. Check the path.`,
    });
  });

  it('rejects a folder', async () => {
    await expect(readParticipantsFile(folder)).rejects.toMatchObject({
      code: 'CSV_FILE_UNREADABLE',
      message: `${folder} is a folder, not a participant file. Give the path of the CSV file itself, for example ${folder}/people.csv.`,
    });
  });

  it('rejects a Windows-1252 file', async () => {
    const path = join(folder, 'latin1.csv');
    writeFileSync(path, Buffer.from('name,email\nZo\xeb,zoe@example.org\nBo,bo@example.org\n', 'latin1'));

    await expect(readParticipantsFile(path)).rejects.toMatchObject({
      code: 'CSV_NOT_UTF8',
      message: `The participant file ${path} is not UTF-8 text. Save it as "CSV UTF-8" (Excel) or UTF-8 and try again.`,
    });
  });

  it('reads a UTF-8 file with a BOM', async () => {
    const path = join(folder, 'bom.csv');
    writeFileSync(path, '\uFEFFname,email\r\nZoë,zoe@example.org\r\nBo,bo@example.org\r\n');

    const result = await readParticipantsFile(path);

    expect(result.ok).toBe(true);
    expect(result.ok ? result.people.map((person) => person.displayName) : []).toEqual(['Zoë', 'Bo']);
  });
});
