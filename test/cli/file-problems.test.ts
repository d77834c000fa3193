import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createWorkspace, readOutbox, runSanta } from './run-santa.js';

describe('santa draw with a participant file it cannot use', () => {
  it('says that a folder is not a file', async () => {
    const workspace = createWorkspace();
    const folder = join(workspace.dir, 'people');
    mkdirSync(folder);

    const run = await runSanta(workspace, ['draw', folder]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${folder} is a folder, not a participant file. Give the path of the CSV file itself, for example ${folder}/people.csv.\n`,
    );
  });

  it('shortens a long value in a problem line', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'nul.csv');
    writeFileSync(file, Buffer.alloc(500));

    const run = await runSanta(workspace, ['draw', file]);
    const problems = run.stderr.split('\n').filter((line) => line.startsWith('  '));

    expect(run.code).toBe(1);
    expect(problems).toHaveLength(3);
    expect(problems.filter((line) => line.includes('is longer than 80 characters'))).toHaveLength(1);
    expect(run.stderr).toContain(
      '  line 1: "\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"… has neither',
    );
    expect(problems[0]).toHaveLength(154);
  });

  it('tells how to write an invalid email address', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'email.csv');
    writeFileSync(file, 'name,email,phone\nAnn,ann(at)example.org,+447700900001\nBo,bo@example.org,\n');

    const run = await runSanta(workspace, ['draw', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '  line 2, column 2 (email): "ann(at)example.org" is not a valid email address. Write it as name@example.org, or leave the cell empty when a phone number is given.\n',
    );
  });
});

describe('santa draw with channels that are not configured', () => {
  const csv = [
    'name,email,phone,channel',
    'Ann,ann@example.org,+447700900001,sms',
    'Bo,bo@example.org,+447700900002,sms;email',
    'Cy,,+447700900003,sms',
    'Dee,dee@example.org,,email',
    'Eve,eve@example.org,,',
  ].join('\n');

  it.each([['draw'], ['dry run']])('warns once per channel in a %s, without names', async (mode) => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'friends.csv');
    writeFileSync(file, csv);

    const run = await runSanta(workspace, ['draw', file, ...(mode === 'dry run' ? ['--dry-run'] : [])]);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('is not configured'));

    expect(run.code).toBe(0);
    expect(warnings).toEqual([
      '3 people asked for SMS, but Twilio is not configured; they get their next channel or an outbox file instead.',
      '2 people asked for email, but SMTP is not configured; they get their next channel or an outbox file instead.',
    ]);
    for (const name of ['Ann', 'Bo', 'Cy', 'Dee', 'Eve']) expect(run.stderr).not.toContain(name);
    if (mode === 'draw') expect(readOutbox(workspace.outbox)).toHaveLength(5);
  });
});
