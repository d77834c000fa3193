/**
 * How the adapter turns the bot layer's replies into Discord responses, with a stub in place of the
 * Santa service so that each reply shape and timing can be chosen.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { SantaService } from '../../../src/adapters/discord/interactions.js';
import { openStore } from '../../../src/adapters/sqlite/index.js';
import type { Reply } from '../../../src/bot/commands/types.js';
import type { Store } from '../../../src/bot/ports.js';
import { FakeDiscord } from '../../fakes/fake-discord.js';
import { ann } from './people.js';

describe('Discord responses', () => {
  let discord: FakeDiscord;
  let adapter: DiscordAdapter;
  let store: Store;

  async function start(santa: SantaService, deferAfterMs = 2000): Promise<void> {
    const logger = pino({ level: 'silent' });
    discord = await new FakeDiscord().start();
    store = openStore(':memory:', { logger });
    adapter = createDiscordAdapter({
      discord: { token: discord.token, apiUrl: discord.apiUrl },
      logger,
      store,
      deferAfterMs,
    });
    await adapter.start(santa);
  }

  function replying(replies: Reply[], delayMs = 0): SantaService {
    return {
      execute: async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return replies;
      },
    };
  }

  function summary(interactionId: string): unknown[] {
    return discord
      .answersTo(interactionId)
      .map((message) => [message.kind, message.callbackType, message.ephemeral, message.content]);
  }

  afterEach(async () => {
    await adapter?.stop();
    await discord?.stop();
    store?.close();
  });

  it('private then public reply', async () => {
    await start(
      replying([
        { visibility: 'private', text: 'only you' },
        { visibility: 'public', text: 'everyone' },
      ]),
    );

    const id = discord.command(ann, 'join');
    await discord.waitForAnswer(id, 2);

    expect(summary(id)).toEqual([
      ['response', 4, true, 'only you'],
      ['followup', null, false, 'everyone'],
    ]);
  });

  it('slow command deferred privately', async () => {
    await start(replying([{ visibility: 'private', text: 'finally' }], 200), 20);

    const id = discord.command(ann, 'list');
    await discord.waitForAnswer(id);

    expect(summary(id)).toEqual([
      ['response', 5, true, null],
      ['edit', null, true, 'finally'],
    ]);
  });

  it('public reply after private deferral', async () => {
    await start(replying([{ visibility: 'public', text: 'for the channel' }], 200), 20);

    const id = discord.command(ann, 'join');
    await discord.waitForAnswer(id, 2);

    expect(summary(id)).toEqual([
      ['response', 5, true, null],
      ['delete', null, false, null],
      ['followup', null, false, 'for the channel'],
    ]);
  });

  it('second private reply after deferral', async () => {
    await start(
      replying([
        { visibility: 'private', text: 'one' },
        { visibility: 'private', text: 'two' },
      ]),
    );

    const id = discord.command(ann, 'status');
    await discord.waitForAnswer(id, 2);

    expect(summary(id)).toEqual([
      ['response', 5, true, null],
      ['edit', null, true, 'one'],
      ['followup', null, true, 'two'],
    ]);
  });

  it('no replies acknowledged', async () => {
    await start(replying([]));

    const id = discord.command(ann, 'leave');
    await discord.waitForAnswer(id);

    expect(summary(id)).toEqual([['response', 4, true, 'Done.']]);
  });

  it('thrown error answered privately', async () => {
    await start({
      execute: async () => {
        throw new Error('database is locked');
      },
    });

    const id = discord.command(ann, 'join');
    await discord.waitForAnswer(id);

    expect(summary(id)).toEqual([
      [
        'response',
        4,
        true,
        'Something went wrong while handling that command, and it may not have been carried out. ' +
          'Try again in a minute; if it keeps failing, tell whoever runs this bot.',
      ],
    ]);
  });

  it('unknown subcommand explained', async () => {
    await start(replying([{ visibility: 'public', text: 'unused' }]));

    const id = discord.command(ann, 'gift');
    await discord.waitForAnswer(id);

    expect(summary(id)).toEqual([
      [
        'response',
        4,
        true,
        'This version of santa has no `/santa gift` command. Try `/santa help`, and ask whoever runs ' +
          'this bot to run `santa discord register` again.',
      ],
    ]);
  });

  it('wishlist form only for participants', async () => {
    const calls: unknown[] = [];
    await start({
      execute: async (_ctx, command) => {
        calls.push(command);
        return [{ visibility: 'private', text: 'You have not joined.' }];
      },
    });

    const id = discord.command(ann, 'wishlist');
    await discord.waitForAnswer(id);

    expect(calls).toEqual([{ name: 'wishlist', text: undefined }]);
    expect(summary(id)).toEqual([['response', 4, true, 'You have not joined.']]);
  });

  it('context from the interaction', async () => {
    const contexts: unknown[] = [];
    await start({
      execute: async (ctx) => {
        contexts.push({ ...ctx, format: undefined });
        return [];
      },
    });

    await discord.waitForAnswer(discord.command({ ...ann, nick: 'Annie' }, 'list'));

    expect(contexts).toEqual([
      {
        platform: 'discord',
        groupKey: discord.guild.id,
        channelId: discord.channelId,
        userId: ann.id,
        userName: 'Annie',
        isServerAdmin: false,
        format: undefined,
      },
    ]);
  });
});
