import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { EVENTS_PATH } from '../../../src/adapters/slack/index.js';
import { postSigned, slashCommandBody, slackSignature } from '../../fakes/fake-slack.js';
import { SIGNING_SECRET, SlackHarness } from './harness.js';

describe('Slack HTTP receiver', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness().start();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('checks the bot token with auth.test at start', () => {
    expect(harness.slack.callsOf('auth.test')).toHaveLength(1);
  });

  it('acknowledges a signed command with an empty 200', async () => {
    const response = await harness.command('U0ANN', 'help');

    expect(response).toEqual({ status: 200, body: '' });
    expect(harness.repliesTo('U0ANN')).toHaveLength(1);
    expect(harness.repliesTo('U0ANN')[0]?.type).toBe('ephemeral');
  });

  it('rejects a forged signature with 401 and runs nothing', async () => {
    const body = slashCommandBody({ userId: 'U0ANN', text: 'create Office' });
    const forged = slackSignature('not-the-signing-secret', Math.floor(Date.now() / 1_000), body);

    const response = await postSigned(`${harness.baseUrl}${EVENTS_PATH}`, body, {
      signingSecret: SIGNING_SECRET,
      signature: forged,
    });
    await harness.adapter.idle();

    expect(response.status).toBe(401);
    expect(harness.store.listExchanges()).toEqual([]);
  });

  it('rejects a body changed after signing', async () => {
    const body = slashCommandBody({ userId: 'U0ANN', text: 'create Office' });
    const timestamp = Math.floor(Date.now() / 1_000);
    const signature = slackSignature(SIGNING_SECRET, timestamp, body);

    const response = await postSigned(`${harness.baseUrl}${EVENTS_PATH}`, body.replace('Office', 'Other'), {
      signingSecret: SIGNING_SECRET,
      timestamp,
      signature,
    });

    expect(response.status).toBe(401);
    expect(harness.store.listExchanges()).toEqual([]);
  });

  it('rejects a correctly signed request older than 5 minutes', async () => {
    const body = slashCommandBody({ userId: 'U0ANN', text: 'create Office' });
    const sixMinutesAgo = Math.floor(Date.now() / 1_000) - 6 * 60;

    const response = await postSigned(`${harness.baseUrl}${EVENTS_PATH}`, body, {
      signingSecret: SIGNING_SECRET,
      timestamp: sixMinutesAgo,
    });
    await harness.adapter.idle();

    expect(response.status).toBe(401);
    expect(harness.store.listExchanges()).toEqual([]);
  });

  it('accepts a correctly signed request 4 minutes old', async () => {
    const body = slashCommandBody({
      userId: 'U0ANN',
      text: 'help',
      responseUrl: harness.slack.responseUrl('old'),
    });
    const fourMinutesAgo = Math.floor(Date.now() / 1_000) - 4 * 60;

    const response = await postSigned(`${harness.baseUrl}${EVENTS_PATH}`, body, {
      signingSecret: SIGNING_SECRET,
      timestamp: fourMinutesAgo,
    });

    expect(response.status).toBe(200);
  });

  it('answers the health endpoint', async () => {
    const response = await fetch(`${harness.baseUrl}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'http' });
  });

  it('answers 404 for an unknown path', async () => {
    const response = await fetch(`${harness.baseUrl}/nothing-here`);

    expect(response.status).toBe(404);
  });
});
