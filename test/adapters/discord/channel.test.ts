import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { REST } from 'discord.js';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createDiscordChannel } from '../../../src/adapters/discord/channel.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { openStore } from '../../../src/adapters/sqlite/index.js';
import { DeliveryError } from '../../../src/bot/errors.js';
import type { Exchange } from '../../../src/bot/model.js';
import type { Channel, Envelope, MessageContent } from '../../../src/bot/ports.js';
import { FakeDiscord } from '../../fakes/fake-discord.js';

const ZWSP = '\u200b';

const exchange: Exchange = {
  id: 1,
  name: 'Office',
  platform: 'discord',
  groupKey: '1100000000000000010',
  channelId: '1100000000000000020',
  organiserId: '1100000000000000101',
  budget: null,
  exchangeDate: null,
  rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
  status: 'drawn',
  createdAt: 0,
  updatedAt: 0,
};

function envelope(userId: string | null, content: Partial<MessageContent> = {}): Envelope {
  return {
    deliveryId: 7,
    exchange,
    to: { name: 'Bob', platform: 'discord', platformUserId: userId, phone: null, email: null },
    content: {
      purpose: 'reveal',
      giverName: 'Bob',
      recipientName: 'Zelda',
      exchangeName: 'Office',
      budget: null,
      exchangeDate: null,
      wishlist: null,
      ...content,
    } as MessageContent,
  };
}

async function sendError(channel: Channel, target: Envelope): Promise<DeliveryError> {
  const error = await channel.send(target).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe('Discord DM channel', () => {
  let discord: FakeDiscord;
  let channel: Channel;
  let logLines: string[];

  function channelFor(token: string, api: string): Channel {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    const rest = new REST({ api, retries: 3 }).setToken(token);
    return createDiscordChannel({ rest, logger: pino({ level: 'debug' }, sink) });
  }

  beforeEach(async () => {
    logLines = [];
    discord = await new FakeDiscord().start();
    channel = channelFor(discord.token, discord.apiUrl);
  });
  afterEach(async () => discord.stop());

  it('sends the reveal as a DM', async () => {
    const receipt = await channel.send(envelope('1100000000000000102', { wishlist: '@everyone **socks**' }));

    const [dm] = discord.dmsTo('1100000000000000102');
    expect(receipt.providerMessageId).toMatch(/^\d+$/u);
    expect(dm?.content).toBe(
      `Hi Bob,\n\nYou are the Secret Santa for Zelda in "Office".\nZelda's wishlist: @${ZWSP}everyone \\*\\*socks\\*\\*\n\nKeep it secret!\n`,
    );
    expect(dm?.allowedMentions).toEqual({ parse: [] });
  });

  it('cuts a message to 2000 characters', async () => {
    await channel.send(envelope('1100000000000000102', { wishlist: 'x'.repeat(2500) }));

    const content = discord.dmsTo('1100000000000000102')[0]?.content ?? '';
    expect(content).toHaveLength(2000);
    expect(content.endsWith('x…')).toBe(true);
  });

  it('sends the unreachable notice', async () => {
    await channel.send(
      envelope('1100000000000000101', {
        purpose: 'unreachable',
        giverName: 'dan',
        exchangeName: 'Office',
        triedChannels: ['discord', 'sms'],
      }),
    );

    expect(discord.dmsTo('1100000000000000101')[0]?.content).toBe(
      'Santa could not tell dan who they drew in "Office" (tried: Discord message, SMS). ' +
        'Ask them to check their direct messages or contact details, then send their draw again.\n',
    );
  });

  it('closed DMs are permanent', async () => {
    discord.closeDms('1100000000000000102');

    const error = await sendError(channel, envelope('1100000000000000102'));

    expect([error.code, error.permanent]).toEqual(['DISCORD_DMS_CLOSED', true]);
    expect(logLines.join('')).not.toContain('Zelda');
  });

  it('unknown user is permanent', async () => {
    discord.forgetUser('1100000000000000102');

    const error = await sendError(channel, envelope('1100000000000000102'));

    expect([error.code, error.permanent]).toEqual(['DISCORD_UNKNOWN_USER', true]);
  });

  it('5xx is transient after retries', async () => {
    discord.failNextRequests(4, 502);

    const error = await sendError(channel, envelope('1100000000000000102'));

    expect([error.code, error.permanent]).toEqual(['DISCORD_UNAVAILABLE', false]);
    expect(discord.requests).toEqual(Array(4).fill('POST /users/@me/channels'));
  });

  it('5xx then success is retried by REST', async () => {
    discord.failNextRequests(1, 500);

    await channel.send(envelope('1100000000000000102'));

    expect(discord.dmsTo('1100000000000000102')).toHaveLength(1);
  });

  it('rejected token is transient', async () => {
    const wrongToken = channelFor('not-the-token', discord.apiUrl);

    const error = await sendError(wrongToken, envelope('1100000000000000102'));

    expect([error.code, error.permanent]).toEqual(['DISCORD_UNAUTHORIZED', false]);
  });

  it('network failure is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = channelFor(discord.token, `http://127.0.0.1:${port}/api`);

    const error = await sendError(unreachable, envelope('1100000000000000102'));

    expect([error.code, error.permanent]).toEqual(['DISCORD_NETWORK', false]);
  });

  it('reaches Discord users only', () => {
    const to = envelope('1100000000000000102').to;

    expect(channel.canReach(to)).toBe(true);
    expect(channel.canReach({ ...to, platformUserId: null })).toBe(false);
    expect(channel.canReach({ ...to, platform: 'slack' })).toBe(false);
  });

  it('adapter channel works before start and after stop', async () => {
    const adapter = createDiscordAdapter({
      discord: { token: discord.token, apiUrl: discord.apiUrl },
      logger: pino({ level: 'silent' }),
      store: openStore(':memory:', { logger: pino({ level: 'silent' }) }),
    });

    await adapter.channel.send(envelope('1100000000000000102'));
    await adapter.start({ execute: async () => [] });
    await adapter.stop();
    await adapter.channel.send(envelope('1100000000000000103'));

    expect(discord.dmsTo('1100000000000000102')).toHaveLength(1);
    expect(discord.dmsTo('1100000000000000103')).toHaveLength(1);
  });

  it('no user id is permanent', async () => {
    const error = await sendError(channel, envelope(null));

    expect([error.code, error.permanent]).toEqual(['DISCORD_NO_USER', true]);
    expect(discord.requests).toEqual([]);
  });
});
