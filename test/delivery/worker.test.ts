import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { EmailChannel } from '../../src/adapters/email/email-channel.js';
import { OutboxChannel } from '../../src/adapters/outbox/outbox-channel.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { SmsChannel } from '../../src/adapters/twilio/sms-channel.js';
import type { DeliveryEvent } from '../../src/bot/delivery/events.js';
import { summarizeDeliveries } from '../../src/bot/delivery/summary.js';
import { DeliveryWorker } from '../../src/bot/delivery/worker.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel, Store } from '../../src/bot/ports.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, FakeTwilio } from '../fakes/fake-twilio.js';
import { FakeSmtpServer } from '../fakes/smtp-server.js';
import { RecordingDmChannel, captureLogger } from './harness.js';
import { FakeClock, seedDraw } from './seed.js';

describe('DeliveryWorker', () => {
  let twilio: FakeTwilio;
  let smtp: FakeSmtpServer;
  let store: Store;
  let clock: FakeClock;
  let sms: SmsChannel;
  let email: EmailChannel;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    smtp = await new FakeSmtpServer().start();
    sms = new SmsChannel({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      from: FAKE_FROM,
      apiUrl: twilio.url,
      logger: silentLogger(),
    });
    email = new EmailChannel({ smtpUrl: smtp.url, from: 'santa@example.org', logger: silentLogger() });
  });
  afterAll(async () => {
    email.close();
    await Promise.all([twilio.close(), smtp.close()]);
  });

  beforeEach(() => {
    twilio.messages.length = 0;
    smtp.messages.length = 0;
    store = openStore(':memory:', { logger: silentLogger() });
    clock = new FakeClock();
  });
  afterEach(() => store.close());

  function workerFor(
    channels: ReadonlyMap<ChannelKind, Channel>,
    logger = silentLogger(),
    concurrency = 4,
  ): DeliveryWorker {
    return new DeliveryWorker({ store, channels, clock, random: seededRandom(7), logger, concurrency });
  }

  it('tells every giver once by SMS', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw, participants } = seedDraw(store, {
      people: ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay'].map((name, i) => ({
        name,
        phone: `+4477009000${10 + i}`,
      })),
      channels,
    });

    const summary = await workerFor(channels).drainUntilIdle();

    expect(summary).toEqual({
      sent: 6,
      retried: 0,
      fellBack: 0,
      failed: 0,
      unreachableGivers: 0,
      sentByChannel: { sms: 6 },
    });
    expect(twilio.messages.map((message) => message.to).sort()).toEqual(
      participants.map((p) => p.phone).sort(),
    );
    expect(twilio.messagesTo('+447700900010')[0]?.body).toContain('Secret Santa for Bo');
    expect(store.listDeliveries(draw.id).every((delivery) => delivery.status === 'sent')).toBe(true);
  });

  it('retries after Retry-After and then sends', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });
    twilio.failNext(2, { status: 429, retryAfterSeconds: 30 });
    const events: { event: DeliveryEvent; at: number }[] = [];

    const summary = await workerFor(channels, silentLogger(), 1).drainUntilIdle({
      onProgress: (event) => events.push({ event, at: clock.now() }),
    });

    // Retry-After sets the schedule: the backoff of these first attempts (at most 1 s) is shorter.
    const delays = events.flatMap(({ event, at }) =>
      event.type === 'retry' ? [event.nextAttemptAt - at] : [],
    );
    expect(delays).toEqual([30_000, 30_000]);
    expect(summary.sent).toBe(2);
    expect(twilio.messages).toHaveLength(2);
    // The pause covers the whole channel, so the second 429 lands on the other giver's message.
    expect(store.listDeliveries(draw.id).map((d) => [d.status, d.attempts, d.lastErrorCode])).toEqual([
      ['sent', 2, 'SMS_RATE_LIMITED'],
      ['sent', 2, 'SMS_RATE_LIMITED'],
    ]);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(60_000);
  });

  it('backs off within the jitter bounds on 500', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });
    twilio.failNext(3, { status: 500 });
    const delays: number[] = [];

    await workerFor(channels, silentLogger(), 1).drainUntilIdle({
      onProgress: (event) => {
        if (event.type === 'retry') delays.push(event.nextAttemptAt - clock.now());
      },
    });

    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeLessThanOrEqual(1_000);
    expect(delays[1]).toBeLessThanOrEqual(2_000);
    expect(delays[2]).toBeLessThanOrEqual(4_000);
    expect(twilio.messages).toHaveLength(2);
  });

  it('falls back from SMS to email on an invalid number', async () => {
    const channels = new Map<ChannelKind, Channel>([
      ['sms', sms],
      ['email', email],
    ]);
    const { draw, participants } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+15005550001', email: 'ann@example.org' },
        { name: 'Bo', phone: '+447700900002', email: 'bo@example.org', wishlist: 'a red scarf' },
      ],
      channels,
    });
    const { logger, lines } = captureLogger();

    const summary = await workerFor(channels, logger).drainUntilIdle();

    expect(summary.fellBack).toBe(1);
    expect(smtp.messagesTo('ann@example.org')).toHaveLength(1);
    expect(smtp.messagesTo('ann@example.org')[0]?.text).toContain("Bo's wishlist: a red scarf");
    expect(twilio.messagesTo('+447700900002')).toHaveLength(1);
    const ann = store.listDeliveries(draw.id).filter((d) => d.participantId === participants[0]?.id);
    expect(ann.map((d) => [d.channel, d.status, d.lastErrorCode])).toEqual([
      ['sms', 'failed', 'SMS_INVALID_NUMBER'],
      ['email', 'sent', null],
    ]);
    expect(summarizeDeliveries(store, draw.id).givers.map((g) => [g.name, g.state, g.channels])).toEqual([
      ['Ann', 'told', ['email']],
      ['Bo', 'told', ['sms']],
    ]);
    const fallbackLog = lines.find((line) => line.includes('falling back'));
    expect(fallbackLog).toContain('"errorCode":"SMS_INVALID_NUMBER"');
    expect(fallbackLog).toContain('"nextChannel":"email"');
  });

  it('gives up after eight transient failures', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });
    twilio.failNextTo('+447700900001', 8, { status: 500 });

    const summary = await workerFor(channels, silentLogger(), 1).drainUntilIdle();

    expect(summary).toMatchObject({ sent: 1, retried: 7, failed: 1, unreachableGivers: 1 });
    const [ann] = store.listDeliveries(draw.id);
    expect([ann?.status, ann?.attempts, ann?.lastErrorCode]).toEqual(['failed', 8, 'RETRIES_EXHAUSTED']);
    // On the CLI nobody is messaged about it; status shows the giver as unreachable.
    expect(store.listDeliveries(draw.id).filter((d) => d.purpose === 'unreachable')).toEqual([]);
    const status = summarizeDeliveries(store, draw.id);
    expect([status.told, status.unreachable]).toEqual([1, 1]);
    expect(status.givers[0]).toMatchObject({
      name: 'Ann',
      state: 'unreachable',
      lastErrorCode: 'RETRIES_EXHAUSTED',
    });
  });

  it('tells the organiser when a Slack giver cannot be reached', async () => {
    const slack = new RecordingDmChannel('slack');
    slack.closedDms.add('U0CY');
    const channels = new Map<ChannelKind, Channel>([
      ['slack', slack],
      ['sms', sms],
    ]);
    const { draw } = seedDraw(store, {
      platform: 'slack',
      organiserId: 'U0ANN',
      people: [
        { name: 'Ann', platformUserId: 'U0ANN' },
        { name: 'Bo', platformUserId: 'U0BO' },
        { name: 'Cy', platformUserId: 'U0CY', phone: '+15005550004' },
      ],
      channels,
    });

    const summary = await workerFor(channels).drainUntilIdle();

    expect(summary).toMatchObject({ sent: 3, fellBack: 1, failed: 1, unreachableGivers: 1 });
    const notices = slack.sent.filter((envelope) => envelope.content.purpose === 'unreachable');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.to.platformUserId).toBe('U0ANN');
    expect(notices[0]?.content).toEqual({
      purpose: 'unreachable',
      giverName: 'Cy',
      exchangeName: 'Family 2026',
      triedChannels: ['slack', 'sms'],
    });
    expect(slack.sent.filter((envelope) => envelope.content.purpose === 'reveal')).toHaveLength(2);
    expect(summarizeDeliveries(store, draw.id).givers.map((g) => g.state)).toEqual([
      'told',
      'told',
      'unreachable',
    ]);
  });

  it('sends no notice while another channel of notify all is still open', async () => {
    const channels = new Map<ChannelKind, Channel>([
      ['sms', sms],
      ['email', email],
    ]);
    const { draw } = seedDraw(store, {
      mode: 'all',
      people: [
        { name: 'Ann', phone: '+15005550004', email: 'ann@example.org' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });

    const summary = await workerFor(channels).drainUntilIdle();

    expect(summary).toMatchObject({ sent: 2, failed: 1, unreachableGivers: 0 });
    expect(summarizeDeliveries(store, draw.id).givers[0]).toMatchObject({
      state: 'told',
      channels: ['email'],
    });
  });

  it('reads the wishlist at send time', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { participants } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002', wishlist: 'old' },
      ],
      channels,
    });
    store.updateParticipant(participants[1]?.id ?? 0, { wishlist: 'a new kite' });

    await workerFor(channels).drainUntilIdle();

    expect(twilio.messagesTo('+447700900001')[0]?.body).toContain('Wishlist: a new kite');
  });

  it('stop finishes the messages in flight', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw } = seedDraw(store, {
      people: Array.from({ length: 10 }, (_, i) => ({ name: `Person ${i}`, phone: `+4477009001${10 + i}` })),
      channels,
    });
    twilio.responseDelayMs = 20;
    const worker = workerFor(channels, silentLogger(), 2);

    worker.start();
    while (twilio.messages.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    twilio.responseDelayMs = 0;

    const deliveries = store.listDeliveries(draw.id);
    expect(deliveries.filter((d) => d.status === 'sending')).toEqual([]);
    expect(deliveries.filter((d) => d.status === 'sent')).toHaveLength(twilio.messages.length);
    expect(twilio.messages.length).toBeLessThan(10);
  });

  it('picks up work enqueued after wake', async () => {
    const slack = new RecordingDmChannel('slack');
    const channels = new Map<ChannelKind, Channel>([['slack', slack]]);
    const { draw, participants } = seedDraw(store, {
      platform: 'slack',
      organiserId: 'U0ANN',
      people: [
        { name: 'Ann', platformUserId: 'U0ANN' },
        { name: 'Bo', platformUserId: 'U0BO' },
      ],
      channels,
    });
    const worker = workerFor(channels);
    worker.start();
    while (slack.sent.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    store.enqueueDeliveries(
      draw.id,
      [{ participantId: participants[0]?.id ?? 0, purpose: 'reveal', channel: 'slack', fallback: [] }],
      clock.now(),
    );
    worker.wake();
    while (slack.sent.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();

    expect(slack.sent.map((envelope) => envelope.to.platformUserId)).toEqual(['U0ANN', 'U0BO', 'U0ANN']);
  });

  it('falls back to the outbox file on the CLI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'santa-worker-'));
    const file = new OutboxChannel({ dir, logger: silentLogger() });
    const channels = new Map<ChannelKind, Channel>([
      ['sms', sms],
      ['file', file],
    ]);
    const { draw } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+15005550004' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });

    const summary = await workerFor(channels).drainUntilIdle();
    const text = await readFile(join(dir, 'ann.txt'), 'utf8');
    await rm(dir, { recursive: true, force: true });

    expect(summary.sentByChannel).toEqual({ sms: 1, file: 1 });
    expect(text).toContain('You are the Secret Santa for Bo in "Family 2026".');
    expect(summarizeDeliveries(store, draw.id).byChannel).toEqual({ sms: 1, file: 1 });
  });

  it('resends a delivery left sending by a crash', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });
    const [claimed] = store.claimDueDeliveries(clock.now(), 1);
    expect(summarizeDeliveries(store, draw.id).pending).toBe(2);

    await workerFor(channels).drainUntilIdle();

    expect(store.getDelivery(claimed?.id ?? 0)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(twilio.messages).toHaveLength(2);
  });

  it('hands back messages held by a paused channel on stop', async () => {
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const { draw } = seedDraw(store, {
      people: [
        { name: 'Ann', phone: '+447700900001' },
        { name: 'Bo', phone: '+447700900002' },
      ],
      channels,
    });
    twilio.failNext(1, { status: 429, retryAfterSeconds: 60 });
    // This clock never moves on its own, so the pause lasts until stop.
    const frozen = { now: () => 1_000, sleep: (_ms: number, signal?: AbortSignal) => untilAbort(signal) };
    const worker = new DeliveryWorker({
      store,
      channels,
      clock: frozen,
      random: seededRandom(1),
      logger: silentLogger(),
      concurrency: 1,
    });

    worker.start();
    // Bo's message is claimed once Ann's 429 is recorded, and then waits for the paused channel.
    while (store.listDeliveries(draw.id)[1]?.status !== 'sending') {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await worker.stop();

    expect(twilio.messages).toHaveLength(0);
    expect(store.listDeliveries(draw.id).map((d) => [d.status, d.lastErrorCode, d.nextAttemptAt])).toEqual([
      ['pending', 'SMS_RATE_LIMITED', 61_000],
      ['pending', 'WORKER_STOPPED', 61_000],
    ]);
  });

  it('logs no names, numbers or addresses', async () => {
    const channels = new Map<ChannelKind, Channel>([
      ['sms', sms],
      ['email', email],
    ]);
    seedDraw(store, {
      people: [
        { name: 'Annabelle', phone: '+15005550001', email: 'annabelle@example.org' },
        { name: 'Bartholomew', phone: '+447700900002' },
      ],
      channels,
    });
    twilio.failNext(1, { status: 503, retryAfterSeconds: 2 });
    const { logger, lines } = captureLogger();

    await workerFor(channels, logger).drainUntilIdle();

    const log = lines.join('\n');
    expect(log).toContain('delivery retry scheduled');
    for (const secret of [
      'Annabelle',
      'Bartholomew',
      '15005550001',
      '447700900002',
      'annabelle@example.org',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

function untilAbort(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
