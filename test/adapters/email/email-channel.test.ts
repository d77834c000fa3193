import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { EmailChannel } from '../../../src/adapters/email/email-channel.js';
import { DeliveryError } from '../../../src/bot/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { revealEnvelope } from '../../delivery/envelopes.js';
import { FakeSmtpServer } from '../../fakes/smtp-server.js';

describe('EmailChannel against a local SMTP server', () => {
  let smtp: FakeSmtpServer;
  let channel: EmailChannel;

  beforeAll(async () => {
    smtp = await new FakeSmtpServer().start();
    channel = new EmailChannel({
      smtpUrl: smtp.url,
      from: 'Santa <santa@example.org>',
      logger: silentLogger(),
    });
  });
  afterAll(async () => {
    channel.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  it('delivers the reveal as plain text', async () => {
    const receipt = await channel.send(revealEnvelope({ email: 'ann@example.org' }));

    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message?.from).toBe('santa@example.org');
    expect(message?.to).toEqual(['ann@example.org']);
    expect(message?.subject).toBe('Your Secret Santa draw for "Family 2026"');
    expect(message?.text).toContain('You are the Secret Santa for Bo in "Family 2026".');
    expect(message?.text).toContain("Bo's wishlist: books, warm socks");
    expect(receipt.providerMessageId).toMatch(/^<.+@.+>$/u);
  });

  it('fails permanently on 550', async () => {
    smtp.rejectRecipient('gone@example.org', 550);
    const error = await sendAndCatch(channel, 'gone@example.org');

    expect(error.code).toBe('EMAIL_REJECTED');
    expect(error.permanent).toBe(true);
    expect(smtp.messages).toHaveLength(0);
  });

  it('retries on 451', async () => {
    smtp.rejectRecipient('busy@example.org', 451, 'Try again later');
    const error = await sendAndCatch(channel, 'busy@example.org');

    expect(error.code).toBe('EMAIL_DEFERRED');
    expect(error.permanent).toBe(false);
  });

  it('retries when the server cannot be reached', async () => {
    const closed = await new FakeSmtpServer().start();
    const url = closed.url;
    await closed.close();
    const unreachable = new EmailChannel({ smtpUrl: url, from: 'santa@example.org', logger: silentLogger() });
    const error = await sendAndCatch(unreachable, 'ann@example.org');

    expect(error.code).toBe('EMAIL_CONNECTION_FAILED');
    expect(error.permanent).toBe(false);
  });

  it('reaches only people with an email address', () => {
    expect(channel.canReach(revealEnvelope({ email: 'ann@example.org' }).to)).toBe(true);
    expect(channel.canReach(revealEnvelope({ phone: '+447700900001' }).to)).toBe(false);
  });
});

async function sendAndCatch(channel: EmailChannel, email: string): Promise<DeliveryError> {
  const error: unknown = await channel.send(revealEnvelope({ email })).then(
    () => new Error('expected the send to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}
