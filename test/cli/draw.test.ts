import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseParticipantsCsv, type ImportedPerson } from '../../src/adapters/csv/index.js';
import { createWorkspace, readOutbox, REPO, runSanta, type SantaRun, type Workspace } from './run-santa.js';

const FAMILY = join(REPO, 'examples/family.csv');

function familyPeople(): ImportedPerson[] {
  const result = parseParticipantsCsv(readFileSync(FAMILY, 'utf8'));
  if (!result.ok) throw new Error('examples/family.csv does not import');
  return result.people;
}

describe('santa draw examples/family.csv', () => {
  const people = familyPeople();
  let workspace: Workspace;
  let run: SantaRun;

  beforeAll(async () => {
    workspace = createWorkspace();
    run = await runSanta(workspace, ['draw', FAMILY, '--budget', '£20', '--date', '2026-12-24']);
  });

  it('exits 0', () => {
    expect(run.stderr).not.toContain('rror');
    expect(run.code).toBe(0);
  });

  it('writes one outbox file per giver', () => {
    const messages = readOutbox(workspace.outbox);

    expect(messages.map((message) => message.giver).sort()).toEqual(
      people.map((person) => person.displayName).sort(),
    );
    expect(new Set(messages.map((message) => message.recipient)).size).toBe(people.length);
  });

  it('names an allowed recipient in every file', () => {
    const byName = new Map(people.map((person) => [person.displayName, person]));

    for (const { giver, recipient } of readOutbox(workspace.outbox)) {
      const from = byName.get(giver);
      const to = byName.get(recipient);
      expect(from, giver).toBeDefined();
      expect(to, recipient).toBeDefined();
      expect(recipient).not.toBe(giver);
      expect(from?.exclusions, `${giver} excludes ${recipient}`).not.toContain(to?.nameKey);
      if (from?.household !== null)
        expect(to?.household, `${giver} and ${recipient} share a household`).not.toBe(from?.household);
    }
  });

  it('prints a summary without pairings', () => {
    expect(run.stdout).toBe(
      [
        'Drew "family" (exchange 1) for 8 people.',
        'Told 8 of 8 givers: 8 by outbox file.',
        `Outbox files are in ${workspace.outbox}; pass each one on to its giver unread.`,
        '',
      ].join('\n'),
    );
  });

  it('shows progress on stderr without names', () => {
    expect(run.stderr).toContain('Sending 8 messages…\n');
    expect(run.stderr).toContain('  sent 8 of 8\n');
    for (const person of people) expect(run.stderr).not.toContain(person.displayName);
  });

  it('lists the exchange in status', async () => {
    const status = await runSanta(workspace, ['status']);

    expect(status.code).toBe(0);
    expect(status.stdout).toBe(
      [
        'ID  NAME    PLATFORM  STATUS  PEOPLE  TOLD  PENDING  UNREACHABLE',
        ' 1  family  cli       drawn        8     8        0            0',
        '',
      ].join('\n'),
    );
  });

  it('shows each giver in status EXCHANGE', async () => {
    const status = await runSanta(workspace, ['status', 'FAMILY']);

    expect(status.code).toBe(0);
    expect(status.stdout.split('\n')).toEqual([
      '"family" (exchange 1, cli, drawn), 8 people',
      '  Margaret Okafor  told by outbox file',
      '  Daniel Okafor    told by outbox file',
      '  Amara Okafor     told by outbox file',
      '  Priya Shah       told by outbox file',
      '  Ravi Shah        told by outbox file',
      '  Tom Brennan      told by outbox file',
      '  Sinéad Brennan   told by outbox file',
      '  Lucía Fernández  told by outbox file',
      'Told 8, pending 0, unreachable 0.',
      '',
    ]);
  });

  it('exports the pairings only with --reveal', async () => {
    const rejected = await runSanta(workspace, ['export', 'family']);
    const file = join(workspace.dir, 'pairings.csv');
    const written = await runSanta(workspace, ['export', '1', '--reveal', file]);

    expect(rejected.code).toBe(64);
    expect(rejected.stderr).toBe(
      'santa export writes who drew whom only when asked explicitly: add --reveal FILE.\n',
    );
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(
      `Wrote the 8 pairings of "family" to ${file}. It shows who drew whom: keep it private.\n`,
    );

    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const outbox = readOutbox(workspace.outbox).map(({ giver, recipient }) => `${giver},${recipient}`);
    expect(header).toBe('giver,recipient');
    expect(rows.sort()).toEqual(outbox.sort());
  });

  it('keeps an existing export file unless --force', async () => {
    const file = join(workspace.dir, 'existing.csv');
    writeFileSync(file, 'keep me\n');

    const rejected = await runSanta(workspace, ['export', 'family', '--reveal', file]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toBe(
      `${file} already exists. Choose another file, or add --force to overwrite it.\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');

    const forced = await runSanta(workspace, ['export', 'family', '--reveal', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('giver,recipient');
  });

  it('resends one giver the same recipient', async () => {
    const before = readOutbox(workspace.outbox);
    const first = before.find((message) => message.giver === 'Ravi Shah');

    const resend = await runSanta(workspace, ['resend', 'family', 'ravi shah']);

    expect(resend.code).toBe(0);
    expect(resend.stdout).toBe('Told Ravi Shah again by outbox file: ravi-shah-2.txt.\n');
    expect(resend.stderr).toContain('Telling Ravi Shah their recipient again.\n');
    const after = readOutbox(workspace.outbox).filter((message) => message.giver === 'Ravi Shah');
    expect(after).toHaveLength(2);
    expect(after.map((message) => message.recipient)).toEqual([first?.recipient, first?.recipient]);
  });

  it('counts a giver told twice once, in status and in deliver', async () => {
    const status = await runSanta(workspace, ['status', 'family']);
    const deliver = await runSanta(workspace, ['deliver']);

    expect(status.stdout).toContain('\n  Ravi Shah        told by outbox file\n');
    expect(deliver.code).toBe(0);
    expect(deliver.stderr).toBe('No messages are pending.\n');
    expect(deliver.stdout).toBe(
      [
        '"family" (exchange 1): Told 8 of 8 givers: 8 by outbox file.',
        `Outbox files are in ${workspace.outbox}; pass each one on to its giver unread.`,
        '',
      ].join('\n'),
    );
  });

  it('refuses to draw the same name again while its draw is open', async () => {
    const run = await runSanta(workspace, ['draw', FAMILY]);
    const status = await runSanta(workspace, ['status']);
    const today = new Date().toISOString().slice(0, 10);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `"family" was drawn on ${today} (exchange 1), and a second draw would give everyone a second, different recipient. Nothing was stored or sent.`,
        'To send a lost message again, run: santa resend 1 PERSON',
        'To start a new round, for example next year, add --again: the previous draw is closed and counts for --avoid-past.',
        '',
      ].join('\n'),
    );
    expect(status.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('mentions --again in a dry run of a drawn name', async () => {
    const run = await runSanta(workspace, ['draw', FAMILY, '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Dry run: a draw of the 8 people of "family" is possible. Nothing was stored or sent.',
        '"family" is drawn already, so the real draw needs --again to start a new round.',
        '',
      ].join('\n'),
    );
  });

  it('rejects resend to an unknown person', async () => {
    const resend = await runSanta(workspace, ['resend', 'family', 'Zed']);

    expect(resend.code).toBe(1);
    expect(resend.stderr).toContain('Nobody named "Zed" is in "family".');
  });

  it('delivers nothing when nothing is pending', async () => {
    const deliver = await runSanta(workspace, ['deliver', 'family']);

    expect(deliver.code).toBe(0);
    expect(deliver.stderr).toBe('No messages are pending.\n');
    expect(deliver.stdout).toContain('Told 8 of 8 givers');
  });
});

describe('santa draw --avoid-past', () => {
  it('avoids the pairings of the previous draw', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'friends.csv');
    const names = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay'];
    writeFileSync(
      file,
      ['name,email', ...names.map((name) => `${name},${name.toLowerCase()}@example.org`)].join('\n'),
    );

    const first = await runSanta(workspace, ['draw', file, '--name', 'Friends']);
    const second = await runSanta(workspace, [
      'draw',
      file,
      '--name',
      'friends',
      '--avoid-past',
      '1',
      '--again',
    ]);
    const firstPairs = join(workspace.dir, 'first.csv');
    const secondPairs = join(workspace.dir, 'second.csv');
    await runSanta(workspace, ['export', '1', '--reveal', firstPairs]);
    await runSanta(workspace, ['export', '2', '--reveal', secondPairs]);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Closed the previous draw of "Friends" (exchange 1).\n');
    const status = await runSanta(workspace, ['status']);
    expect(status.stdout).toContain(' 1  Friends  cli       closed');
    expect(status.stdout).toContain(' 2  friends  cli       drawn');
    const rows = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n').slice(1);
    expect(rows(firstPairs)).toHaveLength(6);
    expect(rows(secondPairs)).toHaveLength(6);
    for (const pair of rows(secondPairs)) expect(rows(firstPairs)).not.toContain(pair);
  });
});

describe('santa draw failures', () => {
  it('rejects an impossible draw naming people', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'one-house.csv');
    writeFileSync(
      file,
      'name,email,household\nAnn,ann@example.org,Home\nBo,bo@example.org,Home\nCy,cy@example.org,Home\n',
    );

    const run = await runSanta(workspace, ['draw', file]);
    const status = await runSanta(workspace, ['status']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ann');
    expect(run.stderr).toContain('Nothing was stored or sent.\n');
    expect(run.stdout).toBe('');
    expect(status.stdout).toBe('No exchanges yet. Start one with: santa draw FILE.csv\n');
    expect(readOutbox(workspace.outbox)).toEqual([]);
  });

  it.each([
    ['unknown-exclusion.csv', 'line 3, column 4 (exclusions): "Zed" names nobody in the file.'],
    ['duplicate-names.csv', 'line 4, column 1 (name): "Sam" is already on line 2.'],
    ['no-contact.csv', 'line 3: "Bo" has neither an email address nor a phone number.'],
  ])('rejects %s storing nothing', async (fixture, problem) => {
    const workspace = createWorkspace();
    const file = join(REPO, 'test/fixtures/csv', fixture);

    const run = await runSanta(workspace, ['draw', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} has 1 problem, so nothing was stored or sent:\n  ${problem}`);
    expect(existsSync(workspace.db)).toBe(false);
    expect(existsSync(workspace.outbox)).toBe(false);
  });

  it('rejects a missing file', async () => {
    const workspace = createWorkspace();

    const run = await runSanta(workspace, ['draw', 'nowhere.csv']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Participant file not found: nowhere.csv. Check the path.\n');
  });

  it.each([
    [['draw', FAMILY, '--date', '2026-02-30'], 'Invalid --date "2026-02-30"'],
    [['draw', FAMILY, '--avoid-past', 'two'], 'Invalid --avoid-past "two"'],
    [['draw', FAMILY, '--notify', 'pigeon'], 'Invalid --notify value "pigeon"'],
    [['draw'], "missing required argument 'file'"],
    [['shout'], "unknown command 'shout'"],
  ])('exits 64 on usage %j', async (args, message) => {
    const run = await runSanta(createWorkspace(), args);

    expect(run.code).toBe(64);
    expect(run.stderr).toContain(message);
  });

  it('exits 78 on invalid configuration', async () => {
    const run = await runSanta(createWorkspace(), ['status'], { SANTA_DEFAULT_COUNTRY: 'XX' });

    expect(run.code).toBe(78);
    expect(run.stderr).toContain('SANTA_DEFAULT_COUNTRY: expected a two-letter ISO 3166 country code');
    expect(run.stderr).not.toContain('    at ');
  });
});

describe('santa draw --dry-run', () => {
  it('stores and sends nothing without a database', async () => {
    const workspace = createWorkspace();

    const run = await runSanta(workspace, ['draw', FAMILY, '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Dry run: a draw of the 8 people of "family" is possible. Nothing was stored or sent.\n',
    );
    expect(existsSync(workspace.db)).toBe(false);
    expect(existsSync(workspace.outbox)).toBe(false);
  });

  it('adds no exchange to an existing database', async () => {
    const workspace = createWorkspace();
    await runSanta(workspace, ['draw', FAMILY]);

    const run = await runSanta(workspace, ['draw', FAMILY, '--dry-run', '--avoid-past', '1']);
    const status = await runSanta(workspace, ['status']);

    expect(run.code).toBe(0);
    expect(status.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('reports an impossible draw', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'pair.csv');
    writeFileSync(file, 'name,email\nAnn,ann@example.org\nBo,bo@example.org\n');

    const run = await runSanta(workspace, ['draw', file, '--dry-run', '--no-reciprocal']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ann and Bo');
  });
});
