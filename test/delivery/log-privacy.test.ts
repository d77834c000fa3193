/**
 * Runs real SMS and email deliveries, with failures, through the process logger at trace level, and
 * checks that no contact detail, name, wishlist or credential reaches a log line. A raw twilio (axios)
 * error carries the form body and the Basic credentials and a nodemailer error carries the address, so
 * logging either of them fails these tests.
 */
import { createServer } from 'node:net';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EmailChannel } from '../../src/adapters/email/email-channel.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { SmsChannel } from '../../src/adapters/twilio/sms-channel.js';
import type { DeliverySummary } from '../../src/bot/delivery/events.js';
import { DeliveryWorker } from '../../src/bot/delivery/worker.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel } from '../../src/bot/ports.js';
import { seededRandom } from '../../src/engine/random.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, FakeTwilio } from '../fakes/fake-twilio.js';
import { FakeSmtpServer } from '../fakes/smtp-server.js';
import { FakeClock, seedDraw } from './seed.js';

/** Twilio's number that its test credentials reject with error 21211 (invalid number). */
const INVALID_PHONE = '+15005550001';
const VALID_PHONE = '+447700900123';
const REJECTED_EMAIL = 'zelda.quill@example.org';
const ACCEPTED_EMAIL = 'orla.finch@example.org';
const NAMES = ['Zelda Quill', 'Yorick Marsh', 'Orla Finch'];
const WISHLIST = 'velvet slippers';

/** The forms in which a secret could show up: as typed, URL-encoded in a form body, or in Basic auth. */
const SECRETS = [
  INVALID_PHONE,
  VALID_PHONE,
  encodeURIComponent(VALID_PHONE),
  REJECTED_EMAIL,
  ACCEPTED_EMAIL,
  ...NAMES,
  ...NAMES.map((name) => encodeURIComponent(name).replaceAll('%20', '+')),
  WISHLIST,
  FAKE_AUTH_TOKEN,
  Buffer.from(`${FAKE_ACCOUNT_SID}:${FAKE_AUTH_TOKEN}`).toString('base64'),
];

/** Seeds a three-person draw, delivers it by SMS (Twilio at `twilioUrl`) and email, and returns the logs. */
async function deliverAndLog(
  twilioUrl: string,
  smtpUrl: string,
): Promise<{ summary: DeliverySummary; logged: string }> {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger('trace', stream);

  const sms = new SmsChannel({
    accountSid: FAKE_ACCOUNT_SID,
    authToken: FAKE_AUTH_TOKEN,
    from: FAKE_FROM,
    apiUrl: twilioUrl,
    timeoutMs: 2_000,
    logger,
  });
  const email = new EmailChannel({ smtpUrl, from: 'Santa <santa@example.org>', logger });
  const channels = new Map<ChannelKind, Channel>([
    ['sms', sms],
    ['email', email],
  ]);
  const store = openStore(':memory:', { logger: silentLogger() });

  try {
    seedDraw(store, {
      channels,
      people: [
        {
          name: NAMES[0]!,
          phone: INVALID_PHONE,
          email: REJECTED_EMAIL,
          wishlist: WISHLIST,
          channels: ['sms', 'email'],
        },
        { name: NAMES[1]!, phone: VALID_PHONE, wishlist: WISHLIST, channels: ['sms'] },
        { name: NAMES[2]!, email: ACCEPTED_EMAIL, wishlist: WISHLIST, channels: ['email'] },
      ],
    });
    const worker = new DeliveryWorker({
      store,
      channels,
      clock: new FakeClock(),
      random: seededRandom(7),
      logger,
      concurrency: 1,
    });
    const summary = await worker.drainUntilIdle();
    return { summary, logged: chunks.join('') };
  } finally {
    store.close();
    email.close();
  }
}

/** Returns a loopback URL on which nothing listens, so that connecting fails with ECONNREFUSED. */
async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function expectNoSecret(logged: string): void {
  for (const secret of SECRETS) expect(logged, secret).not.toContain(secret);
}

describe('delivery logs', () => {
  let twilio: FakeTwilio;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    smtp = await new FakeSmtpServer().start();
    // Real SMTP servers echo the address in a rejection, so the fake does too.
    smtp.rejectRecipient(REJECTED_EMAIL, 550, `5.1.1 <${REJECTED_EMAIL}>: Recipient address rejected`);
  });
  afterAll(async () => {
    await twilio.close();
    await smtp.close();
  });

  it('omit secrets after rejections and retries', async () => {
    twilio.failNextTo(VALID_PHONE, 1, { status: 500 });

    const { summary, logged } = await deliverAndLog(twilio.url, smtp.url);

    expect(summary).toMatchObject({ sent: 2, retried: 1, fellBack: 1, unreachableGivers: 1 });
    expect(logged).toContain('delivery retry scheduled');
    expect(logged).toContain('delivery gave up: the giver is unreachable');
    expectNoSecret(logged);
  });

  it('omit secrets when Twilio is unreachable', async () => {
    const { summary, logged } = await deliverAndLog(await closedLoopbackUrl(), smtp.url);

    expect(summary.unreachableGivers).toBe(2);
    expect(logged).toContain('delivery retries exhausted');
    expectNoSecret(logged);
  });
});
