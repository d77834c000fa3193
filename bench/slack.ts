/**
 * Slack benchmark. The app side runs here: the real Bolt app (HTTP receiver, signature checks on), a
 * SQLite file database, the Santa service and the delivery worker. The Slack side (the fake Web API
 * and the load generator) runs in a worker thread on 127.0.0.1 (./slack-peer.ts).
 * 1. 1,000 signed `/santa join` requests from distinct users, 50 in flight at a time, after a
 *    warm-up of 200 in another channel: the time from sending a request to the app's
 *    acknowledgement (Slack gives up after 3 s), and the errors.
 * 2. The draw of those 1,000 people with a fake Slack that accepts 50 chat.postMessage calls per
 *    rolling second and responds with 429 and `Retry-After: 1` beyond that, so the DMs take at least 20 s:
 *    the total time as a ratio to that floor, and the duplicates and losses.
 * Run alone with `npx tsx bench/slack.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { createSlackAdapter, EVENTS_PATH } from '../src/adapters/slack/index.js';
import { openStore } from '../src/adapters/sqlite/index.js';
import { DeliveryWorker } from '../src/bot/delivery/worker.js';
import type { ChannelKind } from '../src/bot/model.js';
import type { Channel } from '../src/bot/ports.js';
import { Santa } from '../src/bot/santa.js';
import { systemClock } from '../src/clock.js';
import { cryptoRandom } from '../src/engine/random.js';
import { silentLogger } from '../src/logger.js';
import type { PeerRequest, PeerStats } from './slack-peer.js';

const PEOPLE = 1_000;
const IN_FLIGHT = 50;
const WARM_UP_REQUESTS = 200;
const POSTS_PER_SECOND = 50;
const FLOOR_MS = (PEOPLE / POSTS_PER_SECOND) * 1_000;
const DELIVERY_CONCURRENCIES = [4, 16];
const SIGNING_SECRET = 'bench-signing-secret';
const ORGANISER = 'U00000';
const CHANNEL = 'C0SANTA';
const PEER_URL = new URL('./slack-peer.ts', import.meta.url).href;
const WARM_UP_CHANNEL = 'C0WARMUP';

interface AckStats {
  p50: number;
  p99: number;
  max: number;
  /** The app thread's event-loop delay while the requests ran: how long a request could wait to be read. */
  loopDelayP99: number;
  errors: number;
  joined: number;
}

interface DrawStats {
  concurrency: number;
  elapsedMs: number;
  posts: number;
  rateLimited: number;
  duplicates: number;
  losses: number;
}

/** The Slack side in its worker thread, with one response message per request. */
class Peer {
  // A worker thread does not inherit tsx's loader, so a small bootstrap registers it before the import.
  private readonly worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(PEER_URL)}); });`,
    { eval: true },
  );
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor() {
    this.worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
  }

  ask<T>(request: PeerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.ask({ type: 'stop' });
    await this.worker.terminate();
  }
}

/** Runs both parts and returns the markdown section for docs/benchmarks.md. */
export async function runSlackBench(): Promise<string> {
  const acks = await runOnce(DELIVERY_CONCURRENCIES[0] as number);
  const draws = [acks.draw];
  for (const concurrency of DELIVERY_CONCURRENCIES.slice(1)) draws.push((await runOnce(concurrency)).draw);
  return report(acks.acks, draws);
}

async function runOnce(concurrency: number): Promise<{ acks: AckStats; draw: DrawStats }> {
  const dir = await mkdtemp(join(tmpdir(), 'santa-bench-slack-'));
  const peer = new Peer();
  const logger = silentLogger();
  const store = openStore(join(dir, 'santa.db'), { logger });

  try {
    const { apiUrl, botToken } = await peer.ask<{ apiUrl: string; botToken: string }>({ type: 'start' });
    const adapter = createSlackAdapter({
      slack: { botToken, signingSecret: SIGNING_SECRET, apiUrl },
      host: '127.0.0.1',
      port: 0,
      logger,
      store,
    });
    const channels = new Map<ChannelKind, Channel>([['slack', adapter.channel]]);
    const worker = new DeliveryWorker({
      store,
      channels,
      clock: systemClock,
      random: cryptoRandom,
      logger,
      concurrency,
    });
    const santa = new Santa({
      store,
      channels,
      clock: systemClock,
      random: cryptoRandom,
      logger,
      wakeDelivery: () => {},
    });
    await adapter.start(santa);

    try {
      const url = `http://127.0.0.1:${adapter.address()?.port}${EVENTS_PATH}`;
      const command = async (userId: string, text: string, channelId: string): Promise<void> => {
        await peer.ask({ type: 'command', url, signingSecret: SIGNING_SECRET, userId, text, channelId });
        await adapter.idle();
      };
      const joins = (users: string[], channelId: string): Promise<{ timings: number[]; errors: number }> =>
        peer.ask({
          type: 'joins',
          url,
          signingSecret: SIGNING_SECRET,
          users,
          channelId,
          inFlight: IN_FLIGHT,
        });

      const users = ids('U', PEOPLE);
      const warmUpUsers = ids('W', WARM_UP_REQUESTS);
      await peer.ask({ type: 'addUsers', ids: [...users, ...warmUpUsers] });

      // Warm-up: the same path in another channel, so that the measured requests run on compiled code.
      await command(ORGANISER, 'create Warm-up', WARM_UP_CHANNEL);
      await joins(warmUpUsers, WARM_UP_CHANNEL);
      await adapter.idle();

      await command(ORGANISER, 'create Bench', CHANNEL);
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const { timings, errors } = await joins(users, CHANNEL);
      loopDelay.disable();
      await adapter.idle();
      const exchange = store.findActiveExchange('slack', 'T0FAKE', CHANNEL);
      const joined = exchange === null ? 0 : store.listParticipants(exchange.id).length;

      await peer.ask({ type: 'limitRate', method: 'chat.postMessage', perSecond: POSTS_PER_SECOND });
      const before = await peer.ask<PeerStats>({ type: 'stats', users: [] });
      const started = performance.now();
      await command(ORGANISER, 'draw', CHANNEL);
      await worker.drainUntilIdle();
      const elapsedMs = performance.now() - started;
      const after = await peer.ask<PeerStats>({ type: 'stats', users });

      timings.sort((a, b) => a - b);
      return {
        acks: {
          p50: percentile(timings, 0.5),
          p99: percentile(timings, 0.99),
          max: timings.at(-1) ?? 0,
          loopDelayP99: loopDelay.percentile(99) / 1e6,
          errors,
          joined,
        },
        draw: {
          concurrency,
          elapsedMs,
          posts: after.postCalls - before.postCalls,
          rateLimited: after.rateLimited - before.rateLimited,
          duplicates: after.dmCounts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
          losses: after.dmCounts.filter((count) => count === 0).length,
        },
      };
    } finally {
      await adapter.stop();
    }
  } finally {
    store.close();
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[index] as number;
}

function report(acks: AckStats, draws: DrawStats[]): string {
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    '## Slack: signed slash commands and a rate-limited draw',
    '',
    'The real Bolt app (HTTP receiver, signature checks on), a SQLite file database and the delivery ' +
      'worker, against the fake Slack on 127.0.0.1 in a worker thread (`npx tsx bench/slack.ts`).',
    '',
    `${PEOPLE.toLocaleString('en')} signed \`/santa join\` requests from distinct users, ${IN_FLIGHT} in flight, ` +
      `after a warm-up of ${WARM_UP_REQUESTS} (Slack's limit is 3,000 ms):`,
    '',
    '| p50 time to ack | p99 time to ack | slowest | app event-loop delay p99 | errors | people joined |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${ms(acks.p50)} | ${ms(acks.p99)} | ${ms(acks.max)} | ${ms(acks.loopDelayP99)} | ${acks.errors} | ${acks.joined} |`,
    '',
    `The draw of those ${PEOPLE.toLocaleString('en')} people, with the fake accepting ${POSTS_PER_SECOND} ` +
      `chat.postMessage calls per second (429 and \`Retry-After: 1\` beyond that), so a floor of ` +
      `${FLOOR_MS / 1_000} s from the \`/santa draw\` request to the last DM:`,
    '',
    '| delivery concurrency | total time | ratio to the floor | chat.postMessage calls | 429 answers | duplicates | losses |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...draws.map(
      (draw) =>
        `| ${draw.concurrency} | ${(draw.elapsedMs / 1_000).toFixed(1)} s | ${(draw.elapsedMs / FLOOR_MS).toFixed(2)} | ` +
        `${draw.posts} | ${draw.rateLimited} | ${draw.duplicates} | ${draw.losses} |`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runSlackBench());
}
