import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { registerDiscordCommands } from '../../../src/adapters/discord/register.js';
import { ConfigError, SantaError } from '../../../src/bot/errors.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeDiscord } from '../../fakes/fake-discord.js';

describe('registerDiscordCommands', () => {
  let discord: FakeDiscord;
  let config: Config;

  beforeEach(async () => {
    discord = await new FakeDiscord().start();
    config = loadConfig(
      {
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: `${discord.apiUrl}/`,
      },
      '/nonexistent/.env',
    );
  });
  afterEach(async () => discord.stop());

  it('registers guild commands', async () => {
    const count = await registerDiscordCommands(config, { guildId: discord.guild.id }, silentLogger());

    expect(count).toBe(1);
    expect(discord.requests).toEqual([
      `PUT /applications/${discord.applicationId}/guilds/${discord.guild.id}/commands`,
    ]);
    expect(discord.registrations.map((registration) => registration.guildId)).toEqual([discord.guild.id]);
    expect(discord.registrations[0]?.body).toHaveLength(1);
  });

  it('registers global commands', async () => {
    const count = await registerDiscordCommands(config, {}, silentLogger());

    expect(count).toBe(1);
    expect(discord.requests).toEqual([`PUT /applications/${discord.applicationId}/commands`]);
  });

  it('missing application id rejected', async () => {
    const withoutId: Config = { ...config, discord: { token: discord.token, apiUrl: discord.apiUrl } };

    const attempt = registerDiscordCommands(withoutId, {}, silentLogger());

    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toMatchObject({ code: 'MISSING_DISCORD_APPLICATION_ID' });
    expect(discord.requests).toEqual([]);
  });

  it('missing token rejected', async () => {
    const attempt = registerDiscordCommands({ ...config, discord: null }, {}, silentLogger());

    await expect(attempt).rejects.toMatchObject({ code: 'MISSING_DISCORD_TOKEN' });
  });

  it('invalid guild id rejected', async () => {
    const attempt = registerDiscordCommands(config, { guildId: 'my-server' }, silentLogger());

    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_GUILD_ID', value: 'my-server' });
  });

  it('rejected token explained', async () => {
    const wrongToken: Config = { ...config, discord: { ...config.discord!, token: 'wrong' } };

    const attempt = registerDiscordCommands(wrongToken, {}, silentLogger());

    await expect(attempt).rejects.toThrow(SantaError);
    await expect(attempt).rejects.toThrow(/Discord rejected DISCORD_TOKEN/u);
  });
});
