/**
 * Delivery benchmark: 1,000 reveals by SMS through the fake Twilio, which accepts 50 messages per
 * wall-clock second and responds with 429 and Retry-After beyond that. The floor is 1,000 / 50 = 20 s.
 * Reports the total time as a ratio to that floor, and the duplicates and losses (both must be 0).
 * Run alone with `npx tsx bench/delivery.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { openStore } from '../src/adapters/sqlite/index.js';
import { SmsChannel } from '../src/adapters/twilio/sms-channel.js';
import { DeliveryWorker } from '../src/bot/delivery/worker.js';
import type { ChannelKind } from '../src/bot/model.js';
import type { Channel } from '../src/bot/ports.js';
import { systemClock } from '../src/clock.js';
import { cryptoRandom } from '../src/engine/random.js';
import { silentLogger } from '../src/logger.js';
import { seedDraw } from '../test/delivery/seed.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM, FakeTwilio } from '../test/fakes/fake-twilio.js';

const MESSAGES = 1_000;
const RATE_PER_SECOND = 50;
const FLOOR_MS = (MESSAGES / RATE_PER_SECOND) * 1000;
const CONCURRENCIES = [4, 16];

interface Row {
  concurrency: number;
  elapsedMs: number;
  requests: number;
  rateLimited: number;
  duplicates: number;
  losses: number;
}

/** Runs the benchmark once per concurrency and returns the markdown section for docs/benchmarks.md. */
export async function runDeliveryBench(): Promise<string> {
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCIES) rows.push(await runOnce(concurrency));

  const lines = [
    '## Delivery: 1,000 SMS through a rate-limited fake Twilio',
    '',
    `The fake Twilio on 127.0.0.1 accepts ${RATE_PER_SECOND} messages per second and responds with 429 and ` +
      `\`Retry-After: 1\` beyond that, so ${MESSAGES} messages take at least ${FLOOR_MS / 1000} s. The worker ` +
      'uses the real twilio client, a SQLite file database and the system clock (`npx tsx bench/delivery.ts`).',
    '',
    '| concurrency | total time | ratio to the 20 s floor | requests | 429 answers | duplicates | losses |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.concurrency} | ${(row.elapsedMs / 1000).toFixed(1)} s | ${(row.elapsedMs / FLOOR_MS).toFixed(2)} | ` +
        `${row.requests} | ${row.rateLimited} | ${row.duplicates} | ${row.losses} |`,
    ),
  ];
  return lines.join('\n');
}

async function runOnce(concurrency: number): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), 'santa-bench-delivery-'));
  const twilio = await new FakeTwilio({ ratePerSecond: RATE_PER_SECOND }).start();
  const logger = silentLogger();
  const store = openStore(join(dir, 'santa.db'), { logger });

  try {
    const sms = new SmsChannel({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      from: FAKE_FROM,
      apiUrl: twilio.url,
      logger,
    });
    const channels = new Map<ChannelKind, Channel>([['sms', sms]]);
    const people = Array.from({ length: MESSAGES }, (_, i) => ({
      name: `Giver ${i + 1}`,
      phone: `+4477009${String(i).padStart(5, '0')}`,
    }));
    seedDraw(store, { people, channels, now: systemClock.now() });

    const worker = new DeliveryWorker({
      store,
      channels,
      clock: systemClock,
      random: cryptoRandom,
      logger,
      concurrency,
    });
    const started = performance.now();
    await worker.drainUntilIdle();
    const elapsedMs = performance.now() - started;

    const received = twilio.messages.map((message) => message.to);
    const unique = new Set(received);
    return {
      concurrency,
      elapsedMs,
      requests: twilio.requestCount,
      rateLimited: twilio.rateLimitedCount,
      duplicates: received.length - unique.size,
      losses: people.filter((person) => !unique.has(person.phone)).length,
    };
  } finally {
    store.close();
    await twilio.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runDeliveryBench());
}
