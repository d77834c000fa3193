import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../src/adapters/sqlite/index.js';
import { SmsChannel } from '../../src/adapters/twilio/sms-channel.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Channel } from '../../src/bot/ports.js';
import { silentLogger } from '../../src/logger.js';
import { FakeTwilio } from '../fakes/fake-twilio.js';
import { seedDraw } from './seed.js';

const GIVERS = 40;
const CONCURRENCY = 4;

describe('delivery after a crash', () => {
  let dir: string;
  let twilio: FakeTwilio;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'santa-crash-'));
    // Each response is delayed, so several messages are in flight when the process is killed.
    twilio = await new FakeTwilio({ responseDelayMs: 40 }).start();
  });
  afterEach(async () => {
    await twilio.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses nothing and resends at most the messages in flight', async () => {
    const databasePath = join(dir, 'santa.db');
    const phones = seedDatabase(databasePath, twilio);
    const env = {
      PATH: process.env.PATH ?? '',
      ...twilio.env(),
      SANTA_DB: databasePath,
      SANTA_OUTBOX_DIR: join(dir, 'outbox'),
      SANTA_DELIVERY_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'error',
    };

    const first = startChild(env);
    while (twilio.messages.length < GIVERS / 3) {
      if (first.exitCode !== null) throw new Error(`The child exited early with ${first.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    first.kill('SIGKILL');
    const killed = await exitOf(first);
    const sentBeforeCrash = twilio.messages.length;

    const second = startChild(env);
    const finished = await exitOf(second);

    expect(killed.signal).toBe('SIGKILL');
    expect(sentBeforeCrash).toBeLessThan(GIVERS);
    expect(finished.code).toBe(0);

    const received = twilio.messages.map((message) => message.to);
    const missing = phones.filter((phone) => !received.includes(phone));
    const duplicates = received.length - new Set(received).size;
    expect(missing).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);

    const store = openStore(databasePath, { logger: silentLogger() });
    const statuses = store.listDeliveries(1).map((delivery) => delivery.status);
    store.close();
    expect(statuses).toEqual(Array.from({ length: GIVERS }, () => 'sent'));
  });
});

/** Stores a drawn exchange of GIVERS people, each with a phone number, and returns the numbers. */
function seedDatabase(path: string, twilio: FakeTwilio): string[] {
  const store = openStore(path, { logger: silentLogger() });
  const sms = new SmsChannel({ ...twilioOptions(twilio), logger: silentLogger() });
  const people = Array.from({ length: GIVERS }, (_, i) => ({
    name: `Giver ${i + 1}`,
    phone: `+4477009${String(i).padStart(5, '0')}`,
  }));
  seedDraw(store, { people, channels: new Map<ChannelKind, Channel>([['sms', sms]]) });
  store.close();
  return people.map((person) => person.phone);
}

function twilioOptions(twilio: FakeTwilio): {
  accountSid: string;
  authToken: string;
  from: string;
  apiUrl: string;
} {
  const env = twilio.env();
  return {
    accountSid: env.TWILIO_ACCOUNT_SID ?? '',
    authToken: env.TWILIO_AUTH_TOKEN ?? '',
    from: env.TWILIO_FROM ?? '',
    apiUrl: twilio.url,
  };
}

function startChild(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/delivery-child.ts'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
