import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from './harness.js';
import { ann, bob } from './people.js';

describe('Discord gateway connection', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  it('identifies with the Guilds intent only', async () => {
    harness = await startHarness();

    expect(harness.discord.gateway.identifies).toEqual([
      { intents: GatewayIntentBits.Guilds, compress: false },
    ]);
  });

  it('resumes after close code 4000', async () => {
    harness = await startHarness();
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Office' }));

    discord.gateway.dropConnection(4000);
    await discord.waitFor(() => discord.gateway.resumes.length === 1 && discord.gateway.isReady, 'a RESUME');
    const answers = await discord.waitForAnswer(discord.command(bob, 'join'));

    expect(answers.map((message) => [message.ephemeral, message.content])).toEqual([
      [true, 'You are in **Office**. 1 person is taking part so far. Add a wishlist with `/santa wishlist`.'],
    ]);
    expect(discord.gateway.identifies).toHaveLength(1);
  });

  it('replays an interaction missed while disconnected', async () => {
    harness = await startHarness();
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Office' }));

    discord.gateway.dropConnection();
    const missed = discord.command(bob, 'join');
    const answers = await discord.waitForAnswer(missed);

    expect(discord.gateway.resumes).toHaveLength(1);
    expect(answers.map((message) => message.content)).toEqual([
      'You are in **Office**. 1 person is taking part so far. Add a wishlist with `/santa wishlist`.',
    ]);
  });
});
