import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../src/adapters/sqlite/index.js';
import { MAX_TRANSIENT_ATTEMPTS } from '../../src/bot/delivery/backoff.js';
import { DeliveryWorker } from '../../src/bot/delivery/worker.js';
import { DeliveryError } from '../../src/bot/errors.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel, Envelope, SendReceipt, Store } from '../../src/bot/ports.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock, seedDraw } from './seed.js';

/** An outbox that fails every time, as one whose folder sits under /proc or a full disk does. */
class BrokenOutbox implements Channel {
  readonly kind = 'file' as const;
  calls = 0;

  constructor(private readonly makeError: () => Error) {}

  canReach(): boolean {
    return true;
  }

  async send(_envelope: Envelope): Promise<SendReceipt> {
    this.calls += 1;
    await Promise.resolve();
    throw this.makeError();
  }
}

/** Counts how often the worker asks the store for the next due time: once per turn of its loop. */
function countingStore(store: Store): { store: Store; turns: () => number } {
  let turns = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'nextDueAt') {
        return (...args: Parameters<Store['nextDueAt']>) => {
          turns += 1;
          return target.nextDueAt(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, turns: () => turns };
}

const outboxError = (permanent: boolean) => () =>
  new DeliveryError(
    'OUTBOX_WRITE_FAILED',
    'Writing the message to the outbox folder failed (ENOENT).',
    permanent,
  );
const systemError = () => () =>
  Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });

describe('DeliveryWorker with a channel that keeps failing', () => {
  let store: Store;
  let clock: FakeClock;

  beforeEach(() => {
    store = openStore(':memory:', { logger: silentLogger() });
    clock = new FakeClock();
  });
  afterEach(() => store.close());

  it.each([
    ['a permanent outbox error', outboxError(true), 1, 'OUTBOX_WRITE_FAILED'],
    ['a transient outbox error', outboxError(false), MAX_TRANSIENT_ATTEMPTS, 'RETRIES_EXHAUSTED'],
    ['a bare system error', systemError(), MAX_TRANSIENT_ATTEMPTS, 'RETRIES_EXHAUSTED'],
  ])('ends %s as failed after %i attempts, without spinning', async (_label, makeError, attempts, code) => {
    const outbox = new BrokenOutbox(makeError);
    const channels = new Map<ChannelKind, Channel>([['file', outbox]]);
    const { draw } = seedDraw(store, { people: [{ name: 'Ann' }, { name: 'Bo' }], channels });
    const counted = countingStore(store);
    const worker = new DeliveryWorker({
      store: counted.store,
      channels,
      clock,
      random: seededRandom(7),
      logger: silentLogger(),
      concurrency: 4,
    });

    const summary = await worker.drainUntilIdle();

    expect(summary).toMatchObject({ sent: 0, failed: 2, unreachableGivers: 2 });
    expect(outbox.calls).toBe(2 * attempts);
    expect(store.listDeliveries(draw.id).map((d) => [d.status, d.attempts, d.lastErrorCode])).toEqual([
      ['failed', attempts, code],
      ['failed', attempts, code],
    ]);
    // Each turn of the loop claims, sends or waits for the clock; a spin would take thousands.
    expect(counted.turns()).toBeLessThan(10 * attempts);
    if (attempts > 1) expect(clock.sleeps.length).toBeGreaterThan(0);
  });
});
