import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeSmtpServer } from '../fakes/smtp-server.js';
import { createWorkspace, readOutbox, REPO, runSanta } from './run-santa.js';

const FAMILY = join(REPO, 'examples/family.csv');
const WITH_EMAIL = 7;

describe('santa draw with SMTP configured', () => {
  let smtp: FakeSmtpServer;
  let smtpEnv: Record<string, string>;

  beforeEach(async () => {
    smtp = await new FakeSmtpServer().start();
    smtpEnv = { SMTP_URL: smtp.url, EMAIL_FROM: 'santa@example.org' };
  });

  afterEach(async () => {
    await smtp.close();
  });

  it('emails everyone with an address and files the rest', async () => {
    const workspace = createWorkspace();

    const run = await runSanta(workspace, ['draw', FAMILY], smtpEnv);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Told 8 of 8 givers: ${WITH_EMAIL} by email, 1 by outbox file.\n`);
    expect(smtp.messages).toHaveLength(WITH_EMAIL);
    expect(readOutbox(workspace.outbox).map((message) => message.giver)).toEqual(['Ravi Shah']);
    for (const message of smtp.messages) {
      expect(message.to).toHaveLength(1);
      expect(message.text.match(/You are the Secret Santa for /g)).toHaveLength(1);
    }
  });

  it('falls back to the outbox when a mailbox is rejected', async () => {
    const workspace = createWorkspace();
    smtp.rejectRecipient('lucia@example.org', 550);

    const run = await runSanta(workspace, ['draw', FAMILY], smtpEnv);

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/ {2}Lucía Fernández: email failed \([A-Z0-9_]+\), trying outbox file\n/);
    expect(run.stdout).toContain(`Told 8 of 8 givers: ${WITH_EMAIL - 1} by email, 2 by outbox file.\n`);
    expect(readOutbox(workspace.outbox).map((message) => message.giver)).toEqual([
      'Lucía Fernández',
      'Ravi Shah',
    ]);
  });

  it('uses every channel with --notify all', async () => {
    const workspace = createWorkspace();

    const run = await runSanta(workspace, ['draw', FAMILY, '--notify', 'all'], smtpEnv);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Told 8 of 8 givers: ${WITH_EMAIL} by email, 8 by outbox file.\n`);
    expect(smtp.messages).toHaveLength(WITH_EMAIL);
    expect(readOutbox(workspace.outbox)).toHaveLength(8);
  });
});
