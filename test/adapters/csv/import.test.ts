import { describe, expect, it } from 'vitest';

import { parseParticipantsCsv, type CsvImportResult } from '../../../src/adapters/csv/index.js';

const people = (result: CsvImportResult) => {
  if (!result.ok) throw new Error(`expected a clean import, got ${JSON.stringify(result.problems)}`);
  return result.people;
};

const messages = (result: CsvImportResult) => {
  if (result.ok) throw new Error('expected problems, got a clean import');
  return result.problems.map((problem) => problem.message);
};

const problems = (result: CsvImportResult) => {
  if (result.ok) throw new Error('expected problems, got a clean import');
  return result.problems.map(({ code, line, column, value }) => ({ code, line, column, value }));
};

describe('parseParticipantsCsv headers', () => {
  it.each([
    ['Name,E-mail,Phone number,Excludes', ['name', 'email', 'phone', 'exclusions']],
    ['FULL NAME,Email Address,Mobile,Cannot draw', ['name', 'email', 'phone', 'exclusions']],
    ['full_name,mail,cell,not', ['name', 'email', 'phone', 'exclusions']],
    ['Name,e_mail,Tel,Exclusion', ['name', 'email', 'phone', 'exclusions']],
    ['name,email,phone,exclude', ['name', 'email', 'phone', 'exclusions']],
  ])('%s is a header', (header) => {
    const text = `${header}\nAnn,ann@example.org,+447700900001,Bo\nBo,bo@example.org,,\n`;

    const [ann, bo] = people(parseParticipantsCsv(text));

    expect(ann).toMatchObject({
      displayName: 'Ann',
      email: 'ann@example.org',
      phone: '+447700900001',
      exclusions: ['bo'],
    });
    expect(bo).toMatchObject({ displayName: 'Bo', email: 'bo@example.org', phone: null, exclusions: [] });
  });

  it('reads columns in any order with extra ones ignored', () => {
    const text = [
      'Notes,Household,Wish list,Channels,Email,Name',
      'likes tea,Smiths,books; socks,email,ann@example.org,Ann',
      ',smiths ,,email;FILE,bo@example.org,Bo',
      ',Jones,,,cy@example.org,Cy',
    ].join('\n');

    const [ann, bo, cy] = people(parseParticipantsCsv(text));

    expect(ann).toMatchObject({ household: 'Smiths', wishlist: 'books; socks', channels: ['email'] });
    expect(bo).toMatchObject({ household: 'Smiths', wishlist: null, channels: ['email', 'file'] });
    expect(cy).toMatchObject({ household: 'Jones', channels: null });
  });

  it.each(['Family', 'Group'])('reads %s as the household', (column) => {
    const text = `name,email,${column}\nAnn,ann@example.org,A\nBo,bo@example.org,A\n`;

    expect(people(parseParticipantsCsv(text)).map((person) => person.household)).toEqual(['A', 'A']);
  });

  it('rejects a header without a name column', () => {
    const text = 'email,phone\nann@example.org,\n';

    expect(problems(parseParticipantsCsv(text))).toEqual([
      { code: 'NO_NAME_COLUMN', line: 1, column: null, value: '' },
    ]);
  });

  it('rejects a header that repeats a column', () => {
    const text = 'name,email,E-mail\nAnn,ann@example.org,\nBo,bo@example.org,\n';

    expect(problems(parseParticipantsCsv(text))).toEqual([
      { code: 'DUPLICATE_COLUMN', line: 1, column: 3, value: 'E-mail' },
    ]);
  });

  it('takes a first row with an email for a person', () => {
    const text = 'Name,name@example.org\nBo,bo@example.org\n';

    expect(people(parseParticipantsCsv(text)).map((person) => person.displayName)).toEqual(['Name', 'Bo']);
  });
});

describe('parseParticipantsCsv file shapes', () => {
  it('reads a semicolon-delimited Excel file with BOM and CRLF', () => {
    const text =
      '\uFEFFName;E-mail;Phone;Excludes\r\nAnn;ann@example.org;;"Bo;Cy"\r\nBo;bo@example.org;;\r\nCy;cy@example.org;;Ann, Bo\r\n';

    const [ann, , cy] = people(parseParticipantsCsv(text));

    expect(ann?.exclusions).toEqual(['bo', 'cy']);
    expect(cy?.exclusions).toEqual(['ann', 'bo']);
  });

  it('reads a semicolon file whose names contain commas', () => {
    const text = 'name;email;exclusions\nSmith, Jo;jo@example.org;Smith, Al\nSmith, Al;al@example.org;\n';

    expect(people(parseParticipantsCsv(text))[0]?.exclusions).toEqual(['smith, al']);
  });

  it('follows an Excel sep= line', () => {
    const text = 'sep=;\r\nname;email;exclusions\r\nSmith, Jo;jo@example.org;\r\nAl;al@example.org;bad,\r\n';

    expect(problems(parseParticipantsCsv(text))).toEqual([
      { code: 'UNKNOWN_EXCLUSION', line: 4, column: 3, value: 'bad' },
    ]);
  });

  it('reads a headerless semicolon file', () => {
    const text = 'Ann;ann@example.org;;"Bo;Cy"\nBo;;+447700900001;\nCy;cy@example.org;;\n';

    expect(people(parseParticipantsCsv(text)).map((person) => person.exclusions)).toEqual([
      ['bo', 'cy'],
      [],
      [],
    ]);
  });

  it('splits a quoted exclusion list on commas', () => {
    const text =
      'name,email,exclusions\nAnn,ann@example.org,"Bo, Cy"\nBo,bo@example.org,\nCy,cy@example.org,\n';

    expect(people(parseParticipantsCsv(text))[0]?.exclusions).toEqual(['bo', 'cy']);
  });

  it('reads a tab-delimited file', () => {
    const text = 'name\temail\nAnn\tann@example.org\nBo\tbo@example.org\n';

    expect(people(parseParticipantsCsv(text)).map((person) => person.email)).toEqual([
      'ann@example.org',
      'bo@example.org',
    ]);
  });

  it('skips blank lines and empty Excel rows, keeping line numbers', () => {
    const text = '\n\nname,email\n\nAnn,ann@example.org\n,\n  \nBo,bo@example.org\n\n\n';

    expect(people(parseParticipantsCsv(text)).map((person) => person.line)).toEqual([5, 8]);
  });

  it('reports the start line of a row after a multi-line value', () => {
    const text = 'name,email,wishlist\nAnn,ann@example.org,"socks\nand tea"\nBo,bad-address,\n';

    expect(problems(parseParticipantsCsv(text))).toEqual([
      { code: 'INVALID_EMAIL', line: 4, column: 2, value: 'bad-address' },
    ]);
  });

  it('keeps quotes inside an unquoted name', () => {
    const text = 'name,email\nJo "JJ" Smith,jo@example.org\nBo,bo@example.org\n';

    expect(people(parseParticipantsCsv(text))[0]?.displayName).toBe('Jo "JJ" Smith');
  });

  it('rejects a quote that is never closed', () => {
    const text = 'name,email\nAnn,ann@example.org\n"Bo,bo@example.org\nCy,cy@example.org\n';

    const result = parseParticipantsCsv(text);

    expect(problems(result)).toEqual([{ code: 'MALFORMED_CSV', line: 3, column: null, value: '' }]);
    expect(messages(result)[0]).toBe(
      'line 3: a double quote opens a value and is never closed. Check the double quotes on this line.',
    );
  });

  it('matches names after NFC and case folding', () => {
    const text = 'name,email,exclusions\nZoe\u0308,zoe@example.org,\n  BO  ,bo@example.org,zoë\n';

    const [zoe, bo] = people(parseParticipantsCsv(text));

    expect(zoe?.displayName).toBe('Zoë');
    expect(bo).toMatchObject({ displayName: 'BO', nameKey: 'bo', exclusions: ['zoë'] });
  });
});

describe('parseParticipantsCsv phones and emails', () => {
  it.each([
    ['GB', '07700 900123', '+447700900123'],
    ['US', '(202) 555-0199', '+12025550199'],
    ['GB', '+1 202 555 0199', '+12025550199'],
  ] as const)('reads phone with default country %s: %s', (country, phone, e164) => {
    const text = `name,phone\nAnn,${phone}\nBo,+447700900124\n`;

    expect(people(parseParticipantsCsv(text, { defaultCountry: country }))[0]?.phone).toBe(e164);
  });

  it('reads 00 as the international prefix', () => {
    const text = 'name,phone\nAnn,0044 7700 900123\nBo,+44 (0)7700 900124\n';

    expect(people(parseParticipantsCsv(text)).map((person) => person.phone)).toEqual([
      '+447700900123',
      '+447700900124',
    ]);
  });

  it('asks for a country code when no default country is set', () => {
    const text = 'name,phone\nAnn,07700 900123\nBo,+447700900124\n';

    const result = parseParticipantsCsv(text);

    expect(problems(result)).toEqual([
      { code: 'PHONE_NEEDS_COUNTRY', line: 2, column: 2, value: '07700 900123' },
    ]);
    expect(messages(result)[0]).toContain('SANTA_DEFAULT_COUNTRY');
  });

  it.each(['12', '+44 12', 'call me', '4.47701E+11', '+1 555 0123'])('rejects phone %s', (phone) => {
    const text = `name,phone\nAnn,${phone}\nBo,+447700900124\n`;

    expect(problems(parseParticipantsCsv(text, { defaultCountry: 'GB' }))).toEqual([
      { code: 'INVALID_PHONE', line: 2, column: 2, value: phone },
    ]);
  });

  it.each(['ann', 'ann@', '@example.org', 'ann@example', 'ann example@x.org', 'Ann <ann@example.org>'])(
    'rejects email %s',
    (email) => {
      const text = `name,email\n"Ann","${email}"\nBo,bo@example.org\n`;

      expect(problems(parseParticipantsCsv(text))).toEqual([
        { code: 'INVALID_EMAIL', line: 2, column: 2, value: email },
      ]);
    },
  );

  it('accepts an internationalised domain', () => {
    const text = 'name,email\nAnn,ann@bücher.example\nBo,bo@example.org\n';

    expect(people(parseParticipantsCsv(text))[0]?.email).toBe('ann@bücher.example');
  });
});

describe('parseParticipantsCsv rejections', () => {
  it('lists every problem of the file at once', () => {
    const text = [
      'name,email,phone,exclusions,channel',
      'Ann,ann@example.org,,Ann;Zed,pigeon',
      ',x@example.org,,,',
      'Bo,,,,',
      'ann,not-an-email,12,,sms',
      'Cy,cy@example.org,,,email,extra',
    ].join('\n');

    expect(problems(parseParticipantsCsv(text, { defaultCountry: 'GB' }))).toEqual([
      { code: 'SELF_EXCLUSION', line: 2, column: 4, value: 'Ann' },
      { code: 'UNKNOWN_EXCLUSION', line: 2, column: 4, value: 'Zed' },
      { code: 'UNKNOWN_CHANNEL', line: 2, column: 5, value: 'pigeon' },
      { code: 'EMPTY_NAME', line: 3, column: 1, value: '' },
      { code: 'NO_CONTACT', line: 4, column: null, value: 'Bo' },
      { code: 'DUPLICATE_NAME', line: 5, column: 1, value: 'ann' },
      { code: 'INVALID_EMAIL', line: 5, column: 2, value: 'not-an-email' },
      { code: 'INVALID_PHONE', line: 5, column: 3, value: '12' },
      { code: 'TOO_MANY_COLUMNS', line: 6, column: 6, value: 'extra' },
    ]);
  });

  it('rejects a channel without an address', () => {
    const text = 'name,email,phone,channel\nAnn,ann@example.org,,sms\nBo,,+447700900001,email\n';

    const result = parseParticipantsCsv(text);

    expect(problems(result)).toEqual([
      { code: 'CHANNEL_WITHOUT_ADDRESS', line: 2, column: 4, value: 'sms' },
      { code: 'CHANNEL_WITHOUT_ADDRESS', line: 3, column: 4, value: 'email' },
    ]);
    expect(messages(result)[0]).toBe(
      'line 2, column 4 (channel): "sms" is chosen for "Ann", who has no phone number. Add one, or choose another channel.',
    );
  });

  it('rejects a fifth column without a header', () => {
    const text = 'Ann,ann@example.org,,,x\nBo,bo@example.org,,\n';

    expect(problems(parseParticipantsCsv(text))).toEqual([
      { code: 'TOO_MANY_COLUMNS', line: 1, column: 5, value: 'x' },
    ]);
  });

  it('accepts trailing empty cells', () => {
    const text = 'name,email\nAnn,ann@example.org,,,\nBo,bo@example.org\n';

    expect(people(parseParticipantsCsv(text))).toHaveLength(2);
  });

  it.each([
    ['', '0'],
    ['name,email\n', '0'],
    ['name,email\nAnn,ann@example.org\n', '1'],
  ])('rejects too few people in %j', (text, count) => {
    const result = parseParticipantsCsv(text);

    expect(problems(result)).toEqual([{ code: 'TOO_FEW_PEOPLE', line: null, column: null, value: count }]);
  });

  it('words too few people', () => {
    const result = parseParticipantsCsv('name,email\nAnn,ann@example.org\n');

    expect(messages(result)[0]).toBe('file: the file lists 1 person, and a draw needs at least 2.');
  });
});

describe('parseParticipantsCsv name length', () => {
  it('rejects a name over 80 characters', () => {
    const long = 'A'.repeat(81);
    const result = parseParticipantsCsv(`name,email\n${long},a@example.org\nBo,bo@example.org\n`);

    expect(problems(result).map((problem) => [problem.code, problem.line, problem.column])).toEqual([
      ['NAME_TOO_LONG', 2, 1],
    ]);
  });

  it('accepts a name of 80 characters', () => {
    const result = parseParticipantsCsv(`name,email\n${'A'.repeat(80)},a@example.org\nBo,bo@example.org\n`);

    expect(result.ok).toBe(true);
  });
});
