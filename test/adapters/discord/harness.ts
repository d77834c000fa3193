/**
 * Wires santa to the fake Discord as `santa serve` does: the SQLite store in memory, the Discord
 * adapter on the real discord.js Client, optionally SMS on the fake Twilio, the delivery worker and
 * the Santa service.
 */
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { openStore } from '../../../src/adapters/sqlite/index.js';
import { SmsChannel } from '../../../src/adapters/twilio/sms-channel.js';
import { DeliveryWorker } from '../../../src/bot/delivery/worker.js';
import type { ChannelKind } from '../../../src/bot/model.js';
import type { Channel, Store } from '../../../src/bot/ports.js';
import { Santa } from '../../../src/bot/santa.js';
import { systemClock } from '../../../src/clock.js';
import { seededRandom } from '../../../src/engine/random.js';
import { createLogger, silentLogger } from '../../../src/logger.js';
import { FakeDiscord, type FakeDiscordOptions } from '../../fakes/fake-discord.js';
import { FAKE_FROM, FakeTwilio } from '../../fakes/fake-twilio.js';
import { ann, everyone } from './people.js';

export interface Harness {
  discord: FakeDiscord;
  twilio: FakeTwilio | null;
  store: Store;
  adapter: DiscordAdapter;
  worker: DeliveryWorker;
  santa: Santa;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { sms?: boolean; fake?: FakeDiscordOptions } = {},
): Promise<Harness> {
  const logger = process.env.SANTA_TEST_LOG ? createLogger(process.env.SANTA_TEST_LOG) : silentLogger();
  const discord = await new FakeDiscord(options.fake).start();
  const twilio = options.sms === true ? await new FakeTwilio().start() : null;
  const store = openStore(':memory:', { logger });

  const adapter = createDiscordAdapter({
    discord: { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl },
    logger,
    store,
  });
  const channels = new Map<ChannelKind, Channel>([['discord', adapter.channel]]);
  if (twilio !== null) {
    channels.set(
      'sms',
      new SmsChannel({
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: FAKE_FROM,
        apiUrl: twilio.url,
        logger,
      }),
    );
  }

  const random = seededRandom(2026);
  const worker = new DeliveryWorker({ store, channels, clock: systemClock, random, logger, concurrency: 4 });
  const santa = new Santa({
    store,
    random,
    clock: systemClock,
    logger,
    channels,
    wakeDelivery: () => worker.wake(),
  });
  worker.start();
  await adapter.start(santa);

  return {
    discord,
    twilio,
    store,
    adapter,
    worker,
    santa,
    async stop() {
      await adapter.stop();
      await worker.stop();
      await discord.stop();
      await twilio?.close();
      store.close();
    },
  };
}

/** Creates an exchange named `name` as ann and lets everyone join, waiting for each response. */
export async function openExchange(harness: Harness, name = 'Office'): Promise<void> {
  const { discord } = harness;
  await discord.waitForAnswer(discord.command(ann, 'create', { name }));
  for (const person of everyone) await discord.waitForAnswer(discord.command(person, 'join'));
}
