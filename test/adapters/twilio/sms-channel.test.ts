import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SmsChannel } from '../../../src/adapters/twilio/sms-channel.js';
import { DeliveryError } from '../../../src/bot/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { revealEnvelope } from '../../delivery/envelopes.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, FakeTwilio } from '../../fakes/fake-twilio.js';

describe('SmsChannel against the fake Twilio', () => {
  let twilio: FakeTwilio;
  let channel: SmsChannel;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
  });
  afterAll(() => twilio.close());

  beforeEach(() => {
    twilio.messages.length = 0;
    channel = smsChannel(twilio.url);
  });

  it('sends the reveal through the twilio client', async () => {
    const receipt = await channel.send(revealEnvelope({ phone: '+447700900001' }));

    expect(twilio.messages).toHaveLength(1);
    const [message] = twilio.messages;
    expect(receipt.providerMessageId).toBe(message?.sid);
    expect(message?.to).toBe('+447700900001');
    expect(message?.from).toBe(FAKE_FROM);
    expect(message?.body).toBe(
      'Hi Ann! You are the Secret Santa for Bo in "Family 2026". Budget: £20. Date: 2026-12-24. Wishlist: books, warm socks',
    );
  });

  it('sends from a messaging service when one is configured', async () => {
    const viaService = new SmsChannel({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      messagingServiceSid: `MG${'a'.repeat(32)}`,
      apiUrl: twilio.url,
      logger: silentLogger(),
    });
    await viaService.send(revealEnvelope({ phone: '+447700900002' }));

    expect(twilio.messages[0]?.messagingServiceSid).toBe(`MG${'a'.repeat(32)}`);
    expect(twilio.messages[0]?.from).toBeNull();
  });

  it.each([
    ['+15005550001', 'SMS_INVALID_NUMBER'],
    ['+15005550002', 'SMS_CANNOT_ROUTE'],
    ['+15005550003', 'SMS_REGION_NOT_ENABLED'],
    ['+15005550004', 'SMS_OPTED_OUT'],
    ['+15005550009', 'SMS_NOT_MOBILE'],
  ])('magic number %s fails permanently with %s', async (phone, code) => {
    const error = await sendAndCatch(channel, phone);

    expect(error.code).toBe(code);
    expect(error.permanent).toBe(true);
    expect(twilio.messages).toHaveLength(0);
  });

  it('treats an unknown 4xx error as permanent', async () => {
    const error = await sendAndCatch(smsChannel(twilio.url, '+15005550007'), '+447700900001');

    expect(error.code).toBe('SMS_REJECTED');
    expect(error.permanent).toBe(true);
  });

  it('treats wrong credentials as permanent', async () => {
    const wrong = new SmsChannel({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: 'wrong',
      from: FAKE_FROM,
      apiUrl: twilio.url,
      logger: silentLogger(),
    });
    const error = await sendAndCatch(wrong, '+447700900001');

    expect(error.code).toBe('SMS_AUTH_FAILED');
    expect(error.permanent).toBe(true);
  });

  it('retries 429 after the Retry-After it was given', async () => {
    twilio.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const error = await sendAndCatch(channel, '+447700900001');

    expect(error.code).toBe('SMS_RATE_LIMITED');
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('retries 429 without Retry-After', async () => {
    twilio.failNext(1, { status: 429 });
    const error = await sendAndCatch(channel, '+447700900001');

    expect(error.code).toBe('SMS_RATE_LIMITED');
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 503] as const)('retries HTTP %i', async (status) => {
    twilio.failNext(1, { status });
    const error = await sendAndCatch(channel, '+447700900001');

    expect(error.code).toBe('SMS_PROVIDER_ERROR');
    expect(error.permanent).toBe(false);
  });

  it('retries when nothing listens', async () => {
    const closed = await new FakeTwilio().start();
    const url = closed.url;
    await closed.close();
    const error = await sendAndCatch(smsChannel(url), '+447700900001');

    expect(error.code).toBe('SMS_NETWORK_ERROR');
    expect(error.permanent).toBe(false);
  });

  it('retries a request that times out', async () => {
    const slow = await new FakeTwilio({ responseDelayMs: 500 }).start();
    const impatient = new SmsChannel({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      from: FAKE_FROM,
      apiUrl: slow.url,
      timeoutMs: 50,
      logger: silentLogger(),
    });
    const error = await sendAndCatch(impatient, '+447700900001');
    await slow.close();

    expect(error.code).toBe('SMS_TIMEOUT');
    expect(error.permanent).toBe(false);
  });

  it('reaches only people with a phone number', () => {
    expect(channel.canReach(revealEnvelope({ phone: '+447700900001' }).to)).toBe(true);
    expect(channel.canReach(revealEnvelope({ phone: null, email: 'ann@example.org' }).to)).toBe(false);
  });
});

function smsChannel(apiUrl: string, from = FAKE_FROM): SmsChannel {
  return new SmsChannel({
    accountSid: FAKE_ACCOUNT_SID,
    authToken: FAKE_AUTH_TOKEN,
    from,
    apiUrl,
    logger: silentLogger(),
  });
}

async function sendAndCatch(channel: SmsChannel, phone: string): Promise<DeliveryError> {
  const error: unknown = await channel.send(revealEnvelope({ phone })).then(
    () => new Error('expected the send to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}
