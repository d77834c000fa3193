import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSlackDmChannel, type SlackDmChannel } from '../../../src/adapters/slack/dm-channel.js';
import { DeliveryError } from '../../../src/bot/errors.js';
import { DEFAULT_RULES, type Exchange } from '../../../src/bot/model.js';
import type { Envelope, MessageContent } from '../../../src/bot/ports.js';
import { revealHeader } from '../../../src/bot/texts/slack.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../fakes/fake-slack.js';

const exchange: Exchange = {
  id: 1,
  name: 'Office <!channel> & co',
  platform: 'slack',
  groupKey: 'T0FAKE',
  channelId: 'C0SANTA',
  organiserId: 'U0ORG',
  budget: '£20',
  exchangeDate: '2026-12-18',
  rules: DEFAULT_RULES,
  status: 'drawn',
  createdAt: 0,
  updatedAt: 0,
};

const reveal: MessageContent = {
  purpose: 'reveal',
  giverName: 'Ann',
  recipientName: 'Bo <@U0BOSS>',
  exchangeName: exchange.name,
  budget: '£20',
  exchangeDate: '2026-12-18',
  wishlist: 'Socks & <!everyone> books',
};

function envelope(userId: string | null, content: MessageContent = reveal, deliveryId = 1): Envelope {
  return {
    deliveryId,
    exchange,
    to: { name: 'Ann', platform: 'slack', platformUserId: userId, phone: null, email: null },
    content,
  };
}

async function sendError(channel: SlackDmChannel, to: Envelope): Promise<DeliveryError> {
  const error = await channel.send(to).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('SlackDmChannel', () => {
  let slack: FakeSlack;
  let channel: SlackDmChannel;

  beforeEach(async () => {
    slack = await new FakeSlack().start();
    channel = createSlackDmChannel({
      botToken: slack.botToken,
      slackApiUrl: slack.apiUrl,
      logger: silentLogger(),
    });
  });

  afterEach(async () => {
    await slack.stop();
  });

  it('opens the DM and posts the reveal', async () => {
    const receipt = await channel.send(envelope('U0ANN'));

    expect(receipt.providerMessageId).toBe('1700000000.000001');
    expect(slack.callsOf('conversations.open').map((call) => call.args.users)).toEqual(['U0ANN']);
    const [post] = slack.dmsTo('U0ANN');
    expect(post?.token).toBe(slack.botToken);
    expect(post?.args.unfurl_links).toBe('false');
  });

  it('keeps the recipient out of the notification text', async () => {
    await channel.send(envelope('U0ANN'));

    const text = String(slack.dmsTo('U0ANN')[0]?.args.text);
    expect(text).toBe('Your Secret Santa draw for "Office &lt;!channel&gt; &amp; co"');
    expect(text).not.toContain('Bo');
  });

  it('escapes every typed value in the blocks', async () => {
    await channel.send(envelope('U0ANN'));

    const blocks = slack.dmsTo('U0ANN')[0]?.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(blocks[0]?.text?.text).toBe(revealHeader);
    expect(blocks[1]?.text?.text).toMatchInlineSnapshot(`
      "Hi Ann,

      You are the Secret Santa for Bo &lt;@U0BOSS&gt; in "Office &lt;!channel&gt; &amp; co".
      Budget: £20
      Exchange date: 2026-12-18
      Bo &lt;@U0BOSS&gt;'s wishlist: Socks &amp; &lt;!everyone&gt; books

      Keep it secret!"
    `);
  });

  it('opens each DM once', async () => {
    await channel.send(envelope('U0ANN', reveal, 1));
    await channel.send(envelope('U0ANN', reveal, 2));

    expect(slack.callsOf('conversations.open')).toHaveLength(1);
    expect(slack.dmsTo('U0ANN')).toHaveLength(2);
  });

  it('sends the unreachable notice without a recipient', async () => {
    const notice: MessageContent = {
      purpose: 'unreachable',
      giverName: 'Cy <!here>',
      exchangeName: 'Office',
      triedChannels: ['slack', 'sms'],
    };
    await channel.send(envelope('U0ORG', notice));

    const text = String(slack.dmsTo('U0ORG')[0]?.args.text);
    expect(text).toContain('Cy &lt;!here&gt;');
    expect(text).not.toContain('<!here>');
  });

  it('reaches only Slack people with a user id', () => {
    const to = envelope('U0ANN').to;
    expect(channel.canReach(to)).toBe(true);
    expect(channel.canReach({ ...to, platformUserId: null })).toBe(false);
    expect(channel.canReach({ ...to, platform: 'discord' })).toBe(false);
  });

  it('fails permanently for a person without a user id', async () => {
    const error = await sendError(channel, envelope(null));
    expect(error.permanent).toBe(true);
    expect(slack.calls).toHaveLength(0);
  });

  it.each([
    'user_not_found',
    'user_disabled',
    'cannot_dm_bot',
    'not_in_channel',
    'channel_not_found',
    'account_inactive',
    'is_archived',
    'invalid_auth',
  ])('treats %s from conversations.open as permanent', async (code) => {
    slack.failUser('U0ANN', code);

    const error = await sendError(channel, envelope('U0ANN'));

    expect(error.code).toBe(`slack_${code}`);
    expect(error.permanent).toBe(true);
  });

  it('treats a permanent error from chat.postMessage as permanent', async () => {
    slack.failUser('U0ANN', 'is_archived', 'chat.postMessage');

    const error = await sendError(channel, envelope('U0ANN'));

    expect(error.code).toBe('slack_is_archived');
    expect(error.permanent).toBe(true);
  });

  it('passes on Retry-After from a 429 without retrying itself', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });

    const error = await sendError(channel, envelope('U0ANN'));

    expect(error.code).toBe('slack_ratelimited');
    expect(error.permanent).toBe(false);
    expect(error.retryAfterMs).toBe(7_000);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it.each([500, 503])('treats HTTP %i as transient', async (status) => {
    slack.failNext('conversations.open', { status });

    const error = await sendError(channel, envelope('U0ANN'));

    expect(error.code).toBe(`slack_http_${status}`);
    expect(error.permanent).toBe(false);
    expect(slack.callsOf('conversations.open')).toHaveLength(1);
  });

  it.each(['internal_error', 'fatal_error', 'service_unavailable'])(
    'treats %s as transient',
    async (code) => {
      slack.failNext('chat.postMessage', { error: code });

      const error = await sendError(channel, envelope('U0ANN'));

      expect(error.permanent).toBe(false);
    },
  );

  it('treats a refused connection as transient', async () => {
    await slack.stop();

    const error = await sendError(channel, envelope('U0ANN'));

    expect(error.code).toBe('slack_request_failed');
    expect(error.permanent).toBe(false);
  });

  it('drains the sends in flight', async () => {
    const sending = channel.send(envelope('U0ANN'));
    await channel.drain();

    await expect(Promise.race([sending, Promise.resolve('pending')])).resolves.not.toBe('pending');
  });
});
