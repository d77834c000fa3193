/**
 * Slack benchmark, against the fake Slack on 127.0.0.1 with the real Bolt app, store (a SQLite file),
 * Santa service and delivery worker:
 * 1. 1,000 signed `/santa join` requests from distinct users, 50 in flight at a time: the time from
 *    sending a request to the app's acknowledgement (Slack gives up after 3 s), and the errors.
 * 2. The draw of those 1,000 people with a fake Slack that accepts 50 chat.postMessage calls per
 *    rolling second and answers 429 with `Retry-After: 1` beyond that, so the DMs take at least 20 s:
 *    the total time as a ratio to that floor, and the duplicates and losses.
 * Run alone with `npx tsx bench/slack.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../src/adapters/slack/index.js';
import { openStore } from '../src/adapters/sqlite/index.js';
import { DeliveryWorker } from '../src/bot/delivery/worker.js';
import type { ChannelKind } from '../src/bot/model.js';
import type { Channel, Store } from '../src/bot/ports.js';
import { Santa } from '../src/bot/santa.js';
import { systemClock } from '../src/clock.js';
import { cryptoRandom } from '../src/engine/random.js';
import { silentLogger } from '../src/logger.js';
import { FakeSlack, postSigned, slashCommandBody } from '../test/fakes/fake-slack.js';

const PEOPLE = 1_000;
const IN_FLIGHT = 50;
const POSTS_PER_SECOND = 50;
const FLOOR_MS = (PEOPLE / POSTS_PER_SECOND) * 1_000;
const DELIVERY_CONCURRENCY = 4;
const SIGNING_SECRET = 'bench-signing-secret';
const ORGANISER = 'U00000';
const WARM_UP_CHANNEL = 'C0WARMUP';
const WARM_UP_REQUESTS = 200;

interface AckStats {
  p50: number;
  p99: number;
  max: number;
  errors: number;
  joined: number;
}

interface DrawStats {
  elapsedMs: number;
  posts: number;
  rateLimited: number;
  duplicates: number;
  losses: number;
}

/** Runs both parts and returns the markdown section for docs/benchmarks.md. */
export async function runSlackBench(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'santa-bench-slack-'));
  const slack = await new FakeSlack().start();
  const logger = process.env.BENCH_LOG
    ? (await import('../src/logger.js')).createLogger('warn')
    : silentLogger();
  const store = openStore(join(dir, 'santa.db'), { logger });
  const adapter = createSlackAdapter({
    slack: { botToken: slack.botToken, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl },
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
    concurrency: DELIVERY_CONCURRENCY,
  });

  try {
    await adapter.start(
      new Santa({
        store,
        channels,
        clock: systemClock,
        random: cryptoRandom,
        logger,
        wakeDelivery: () => {},
      }),
    );
    const users = Array.from({ length: PEOPLE }, (_, i) => `U${String(i).padStart(5, '0')}`);
    for (const id of users) slack.addUser({ id, name: id.toLowerCase(), displayName: `Person ${id}` });

    const url = `http://127.0.0.1:${adapter.address()?.port}${EVENTS_PATH}`;
    await postSigned(url, slashCommandBody({ userId: ORGANISER, text: 'create Bench' }), {
      signingSecret: SIGNING_SECRET,
    });
    await adapter.idle();

    // Warm-up: the same path in another channel, so that the measured requests run on compiled code.
    await postSigned(
      url,
      slashCommandBody({ userId: ORGANISER, text: 'create Warm-up', channelId: WARM_UP_CHANNEL }),
      {
        signingSecret: SIGNING_SECRET,
      },
    );
    await adapter.idle();
    const warmUpUsers = Array.from({ length: WARM_UP_REQUESTS }, (_, i) => `W${String(i).padStart(5, '0')}`);
    await sendJoins(url, warmUpUsers, WARM_UP_CHANNEL, slack);
    await adapter.idle();

    const acks = await measureJoins(url, users, slack, adapter, store);
    const draw = await measureDraw(url, users, slack, adapter, worker);
    return report(acks, draw);
  } finally {
    await adapter.stop();
    store.close();
    await slack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sends `/santa join` for each user, IN_FLIGHT at a time; returns each time to ack and the errors. */
async function sendJoins(
  url: string,
  users: string[],
  channelId: string,
  slack: FakeSlack,
): Promise<{ timings: number[]; errors: number }> {
  const timings: number[] = [];
  let errors = 0;
  let next = 0;

  const sender = async (): Promise<void> => {
    while (next < users.length) {
      const userId = users[next++] as string;
      const body = slashCommandBody({
        userId,
        text: 'join',
        channelId,
        responseUrl: slack.responseUrl(userId),
      });
      const started = performance.now();
      try {
        const response = await postSigned(url, body, { signingSecret: SIGNING_SECRET });
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      timings.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  return { timings, errors };
}

async function measureJoins(
  url: string,
  users: string[],
  slack: FakeSlack,
  adapter: SlackAdapter,
  store: Store,
): Promise<AckStats> {
  const { timings, errors } = await sendJoins(url, users, 'C0SANTA', slack);
  await adapter.idle();

  const exchange = store.listExchanges().find((candidate) => candidate.channelId === 'C0SANTA');
  const joined = exchange === undefined ? 0 : store.listParticipants(exchange.id).length;
  timings.sort((a, b) => a - b);
  return {
    p50: percentile(timings, 0.5),
    p99: percentile(timings, 0.99),
    max: timings.at(-1) ?? 0,
    errors,
    joined,
  };
}

async function measureDraw(
  url: string,
  users: string[],
  slack: FakeSlack,
  adapter: SlackAdapter,
  worker: DeliveryWorker,
): Promise<DrawStats> {
  slack.limitRate('chat.postMessage', POSTS_PER_SECOND);
  const postsBefore = slack.callsOf('chat.postMessage').length;
  const limitedBefore = slack.rateLimited.get('chat.postMessage') ?? 0;

  const started = performance.now();
  await postSigned(url, slashCommandBody({ userId: ORGANISER, text: 'draw' }), {
    signingSecret: SIGNING_SECRET,
  });
  await adapter.idle();
  await worker.drainUntilIdle();
  const elapsedMs = performance.now() - started;

  const counts = users.map((userId) => slack.dmsTo(userId).length);
  return {
    elapsedMs,
    posts: slack.callsOf('chat.postMessage').length - postsBefore,
    rateLimited: (slack.rateLimited.get('chat.postMessage') ?? 0) - limitedBefore,
    duplicates: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    losses: counts.filter((count) => count === 0).length,
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[index] as number;
}

function report(acks: AckStats, draw: DrawStats): string {
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    '## Slack: signed slash commands and a rate-limited draw',
    '',
    `The real Bolt app (HTTP receiver, signature checks on), a SQLite file database and the delivery worker ` +
      `(concurrency ${DELIVERY_CONCURRENCY}) against the fake Slack on 127.0.0.1 (\`npx tsx bench/slack.ts\`).`,
    '',
    `${PEOPLE.toLocaleString('en')} signed \`/santa join\` requests from distinct users, ${IN_FLIGHT} in flight:`,
    '',
    '| p50 time to ack | p99 time to ack | slowest | errors | people joined |',
    '|---:|---:|---:|---:|---:|',
    `| ${ms(acks.p50)} | ${ms(acks.p99)} | ${ms(acks.max)} | ${acks.errors} | ${acks.joined} |`,
    '',
    `The draw of those ${PEOPLE.toLocaleString('en')} people, with the fake accepting ${POSTS_PER_SECOND} ` +
      `chat.postMessage calls per second (429 and \`Retry-After: 1\` beyond that), so a floor of ${FLOOR_MS / 1_000} s ` +
      'from the `/santa draw` request to the last DM:',
    '',
    '| total time | ratio to the floor | chat.postMessage calls | 429 answers | duplicates | losses |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${(draw.elapsedMs / 1_000).toFixed(1)} s | ${(draw.elapsedMs / FLOOR_MS).toFixed(2)} | ${draw.posts} | ` +
      `${draw.rateLimited} | ${draw.duplicates} | ${draw.losses} |`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runSlackBench());
}
