import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { slackFormat } from '../../../src/adapters/slack/format.js';
import { joined } from '../../../src/bot/texts/commands.js';
import { FAKE_TEAM_ID } from '../../fakes/fake-slack.js';
import { SlackHarness } from './harness.js';

function slashPayload(
  harness: SlackHarness,
  userId: string,
  text: string,
  key: string,
): Record<string, string> {
  return {
    team_id: FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0SANTA',
    channel_name: 'secret-santa',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/santa',
    text,
    api_app_id: 'A0SANTA',
    response_url: harness.slack.responseUrl(key),
    trigger_id: `trigger-${key}`,
  };
}

describe('Slack Socket Mode', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness({ socketMode: true }).start();
    harness.slack.addUser({ id: 'U0ANN', name: 'ann', displayName: 'Ann' });
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('opens the connection with the app-level token', () => {
    const [call] = harness.slack.callsOf('apps.connections.open');
    expect(call?.token).toBe(harness.slack.appToken);
    expect(call?.ok).toBe(true);
  });

  it('acknowledges a slash command envelope with an empty payload', async () => {
    const ack = await harness.socket.sendSlashCommand(slashPayload(harness, 'U0ANN', 'help', 'U0ANN-1'));

    expect(ack).toEqual({ envelope_id: 'envelope-1', payload: {} });
  });

  it('runs commands that arrive over the socket', async () => {
    await harness.socket.sendSlashCommand(slashPayload(harness, 'U0ANN', 'create Office', 'U0ANN-1'));
    await harness.adapter.idle();
    await harness.socket.sendSlashCommand(slashPayload(harness, 'U0ANN', 'join', 'U0ANN-2'));
    await harness.adapter.idle();

    expect(harness.store.listExchanges().map((exchange) => exchange.name)).toEqual(['Office']);
    expect(harness.repliesTo('U0ANN').at(-1)).toEqual({
      type: 'ephemeral',
      text: joined(slackFormat, 'Office', 1),
    });
  });

  it('runs a redelivered envelope once', async () => {
    const payload = slashPayload(harness, 'U0ANN', 'create Office', 'U0ANN-1');
    await harness.socket.sendSlashCommand(payload);
    await harness.socket.sendSlashCommand(payload, 1);
    await harness.adapter.idle();

    expect(harness.store.listExchanges()).toHaveLength(1);
    expect(harness.channelMessages()).toHaveLength(1);
    expect(harness.repliesTo('U0ANN')).toEqual([]);
  });

  it('serves the health endpoint while connected', async () => {
    const address = harness.adapter.address();
    const response = await fetch(`http://127.0.0.1:${address?.port}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'socket' });
  });

  it('reports unhealthy when the socket to Slack drops', async () => {
    const url = `http://127.0.0.1:${harness.adapter.address()?.port}/healthz`;
    await harness.socket.stop();

    let status = 200;
    for (let attempt = 0; attempt < 100 && status === 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await fetch(url)).status;
    }

    expect(status).toBe(503);
  });
});
