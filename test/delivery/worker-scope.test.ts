import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../src/adapters/sqlite/index.js';
import { DeliveryWorker } from '../../src/bot/delivery/worker.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel, Store } from '../../src/bot/ports.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';
import { RecordingDmChannel } from './harness.js';
import { FakeClock, seedDraw } from './seed.js';

const people = ['Ann', 'Bo', 'Cy'].map((name) => ({ name, platformUserId: `U${name.toUpperCase()}` }));

describe('DeliveryWorker scope', () => {
  let store: Store;
  let clock: FakeClock;

  beforeEach(() => {
    store = openStore(':memory:', { logger: silentLogger() });
    clock = new FakeClock();
  });
  afterEach(() => store.close());

  function workerFor(channels: ReadonlyMap<ChannelKind, Channel>): DeliveryWorker {
    return new DeliveryWorker({
      store,
      channels,
      clock,
      random: seededRandom(3),
      logger: silentLogger(),
      concurrency: 2,
    });
  }

  it('leaves deliveries of other channels pending', async () => {
    const slack = new RecordingDmChannel('slack');
    const { draw } = seedDraw(store, {
      people,
      platform: 'slack',
      organiserId: 'UANN',
      channels: new Map<ChannelKind, Channel>([['slack', slack]]),
    });

    // A process without Slack, such as the CLI on the server's database, must not touch Slack DMs.
    const summary = await workerFor(
      new Map<ChannelKind, Channel>([['email', new RecordingDmChannel('email')]]),
    ).drainUntilIdle();

    expect(summary.sent).toBe(0);
    expect(summary.failed).toBe(0);
    expect(store.listDeliveries(draw.id).map((delivery) => delivery.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(slack.sent).toHaveLength(0);
  });

  it('drops deliveries of a cancelled exchange', async () => {
    const slack = new RecordingDmChannel('slack');
    const channels = new Map<ChannelKind, Channel>([['slack', slack]]);
    const { draw, exchange } = seedDraw(store, { people, platform: 'slack', organiserId: 'UANN', channels });
    store.transitionExchange(exchange.id, 'drawn', 'cancelled', clock.now());

    await workerFor(channels).drainUntilIdle();

    expect(slack.sent).toHaveLength(0);
    const deliveries = store.listDeliveries(draw.id);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['failed', 'failed', 'failed']);
    expect(deliveries.map((delivery) => delivery.lastErrorCode)).toEqual([
      'EXCHANGE_CANCELLED',
      'EXCHANGE_CANCELLED',
      'EXCHANGE_CANCELLED',
    ]);
    expect(deliveries.filter((delivery) => delivery.purpose === 'unreachable')).toHaveLength(0);
  });
});
