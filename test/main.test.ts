import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConfigError } from '../src/bot/errors.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { startServer, type RunningServer } from '../src/main.js';
import { FakeSlack, postSigned, slashCommandBody } from './fakes/fake-slack.js';

const SIGNING_SECRET = 'main-test-signing-secret';
const PEOPLE = ['U0ANN', 'U0BO', 'U0CY'];

/** Returns a loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('startServer', () => {
  let slack: FakeSlack;
  let server: RunningServer | null = null;

  beforeEach(async () => {
    slack = await new FakeSlack().start();
    for (const id of PEOPLE) slack.addUser({ id, name: id.toLowerCase(), displayName: id.slice(2) });
  });

  afterEach(async () => {
    await server?.stop();
    server = null;
    await slack.stop();
  });

  it('wires Slack, the store and the worker', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'santa-main-'));
    const port = await freePort();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        SANTA_DB: join(folder, 'santa.db'),
        SANTA_OUTBOX_DIR: join(folder, 'outbox'),
        PORT: String(port),
      },
      join(folder, 'no.env'),
    );
    server = await startServer(config, silentLogger());
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);

    const send = (userId: string, text: string) =>
      postSigned(`${base}/slack/events`, slashCommandBody({ userId, text }), {
        signingSecret: SIGNING_SECRET,
      });
    // Commands run after their ack, so each waits for the previous reply, as people typing would.
    expect((await send('U0ANN', 'create Family')).status).toBe(200);
    await until(() => slack.callsOf('chat.postMessage').length === 1, 'the create announcement');
    for (const [index, id] of PEOPLE.entries()) {
      expect((await send(id, 'join')).status).toBe(200);
      await until(() => slack.callsOf('chat.postEphemeral').length === index + 1, `the join reply of ${id}`);
    }
    expect((await send('U0ANN', 'draw')).status).toBe(200);

    await until(() => PEOPLE.every((id) => slack.dmsTo(id).length === 1), 'a DM for every giver');
    for (const id of PEOPLE) expect(slack.dmsTo(id)).toHaveLength(1);

    await server.stop();
    server = null;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('serves /healthz with no chat platform', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'santa-main-'));
    const port = await freePort();
    const config = loadConfig(
      { SANTA_DB: join(folder, 'santa.db'), SANTA_OUTBOX_DIR: join(folder, 'outbox'), PORT: String(port) },
      join(folder, 'no.env'),
    );
    server = await startServer(config, silentLogger());

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);

    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', mode: 'worker' });
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('names PORT when the port is taken', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'santa-main-'));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const config = loadConfig(
      { SANTA_DB: join(folder, 'santa.db'), SANTA_OUTBOX_DIR: join(folder, 'outbox'), PORT: String(port) },
      join(folder, 'no.env'),
    );

    try {
      const error = await startServer(config, silentLogger()).then(
        () => null,
        (thrown: unknown) => thrown,
      );

      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe('LISTEN_FAILED');
      expect((error as ConfigError).message).toBe(
        `PORT ${port} is already in use on 127.0.0.1. Stop the other program or set another PORT.`,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
