import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { OutboxChannel } from '../../src/adapters/outbox/outbox-channel.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel, Store } from '../../src/bot/ports.js';
import type { CliContext } from '../../src/cli/context.js';
import { printDrawSummary } from '../../src/cli/delivery.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { loadConfig } from '../../src/config.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock, seedDraw } from '../delivery/seed.js';

describe('printDrawSummary', () => {
  let store: Store;
  let stdout: string[];
  let context: CliContext;

  beforeEach(() => {
    store = openStore(':memory:', { logger: silentLogger() });
    stdout = [];
    context = {
      config: loadConfig({ SANTA_OUTBOX_DIR: '/srv/santa/outbox' }, '/nonexistent/.env'),
      logger: silentLogger(),
      terminal: {
        out: (text) => stdout.push(text),
        err: () => undefined,
        interactive: false,
        status: () => undefined,
      },
      clock: new FakeClock(),
      random: seededRandom(7),
    };
  });
  afterEach(() => store.close());

  function drawAndFail(codes: string[]): number {
    const channels = new Map<ChannelKind, Channel>([
      ['file', new OutboxChannel({ dir: '/unused', logger: silentLogger() })],
    ]);
    const people = codes.map((_, index) => ({ name: ['Ann', 'Bo', 'Cy'][index] ?? 'Dee' }));
    const { draw } = seedDraw(store, { people, channels });
    const claimed = store.claimDueDeliveries(Number.MAX_SAFE_INTEGER, codes.length);
    claimed.forEach((delivery, index) => store.markDeliveryFailed(delivery.id, codes[index] ?? '', null, 1));
    return draw.id;
  }

  it('names the outbox folder when it failed for every unreachable giver', () => {
    const code = printDrawSummary(
      context,
      store,
      drawAndFail(['OUTBOX_WRITE_FAILED', 'OUTBOX_WRITE_FAILED']),
    );

    expect(code).toBe(EXIT.unreachable);
    expect(stdout).toEqual([
      'Told 0 of 2 givers.\nCould not reach 2 givers: Ann, Bo. The outbox folder /srv/santa/outbox could not be written: make SANTA_OUTBOX_DIR a writable folder, then run santa resend EXCHANGE PERSON.',
    ]);
  });

  it("asks for the givers' details when another error is among them", () => {
    printDrawSummary(context, store, drawAndFail(['OUTBOX_WRITE_FAILED', 'NO_ADDRESS']));

    expect(stdout).toEqual([
      'Told 0 of 2 givers.\nCould not reach 2 givers: Ann, Bo. Fix their details and run santa resend EXCHANGE PERSON.',
    ]);
  });
});
