/**
 * The Discord adapter: a discord.js Client on the gateway that turns `/santa` interactions into bot
 * commands, and the Discord DM channel that the delivery worker sends reveals through.
 */
import { once } from 'node:events';

import { Client, Events, GatewayIntentBits, type RESTOptions } from 'discord.js';

import { ConfigError } from '../../bot/errors.js';
import type { Channel, Logger, Store } from '../../bot/ports.js';
import type { Config } from '../../config.js';
import { createDiscordChannel } from './channel.js';
import { createInteractionHandler, type SantaService } from './interactions.js';

export { discordFormat } from './format.js';
export { registerDiscordCommands } from './register.js';

export interface DiscordAdapterOptions {
  discord: NonNullable<Config['discord']>;
  logger: Logger;
  store: Store;
  /** See InteractionHandlerOptions.deferAfterMs. */
  deferAfterMs?: number;
}

export interface DiscordAdapter {
  /** The DM channel; it works before `start`, because it needs only REST. */
  channel: Channel;
  /** Connects to the gateway and handles interactions with `santa`; resolves once the client is ready. */
  start(santa: SantaService): Promise<void>;
  /** Closes the gateway connection; the DM channel keeps working, so the worker may stop later. */
  stop(): Promise<void>;
}

/**
 * Creates the Discord adapter in two steps, because the Santa service needs the channel map (this
 * channel included) before it can handle commands.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { discord, logger } = options;
  const log = logger.child({ component: 'discord' });

  // Guilds is the least intent that delivers GUILD_CREATE; interactions need no intent at all, and
  // DMs go out over REST, so neither message content nor direct message intents are requested.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(discord.apiUrl),
    allowedMentions: { parse: [] },
  });
  client.rest.setToken(discord.token);
  const channel = createDiscordChannel({ rest: client.rest, logger: log });

  return {
    channel,

    async start(santa) {
      client.on(Events.InteractionCreate, createInteractionHandler({ ...options, santa, logger: log }));
      watchConnection(client, log);

      log.info('Discord client starting');
      const loginFailed = new AbortController();
      const ready = once(client, Events.ClientReady, { signal: loginFailed.signal });
      try {
        await client.login(discord.token);
      } catch (error) {
        loginFailed.abort();
        ready.catch(() => undefined);
        log.error({ err: error }, 'Discord login failed');
        throw new ConfigError(
          'DISCORD_LOGIN_FAILED',
          `Could not connect to Discord: ${error instanceof Error ? error.message : String(error)}. ` +
            'Check DISCORD_TOKEN (Developer Portal, Bot, Reset Token) and DISCORD_API_URL.',
          undefined,
          { cause: error },
        );
      }
      await ready;
      log.info({ botUserId: client.user?.id, guilds: client.guilds.cache.size }, 'Discord client ready');
    },

    async stop() {
      await client.destroy();
      // destroy() also clears the REST token, which would fail DMs still in flight or queued.
      client.rest.setToken(discord.token);
      log.info('Discord client stopped');
    },
  };
}

/** REST options; the API base is overridden for proxies and for the loopback fake in tests. */
function restOptions(apiUrl: string | undefined): Partial<RESTOptions> {
  if (apiUrl === undefined) return {};
  // discord.js appends `/v10/...` itself, so a trailing slash would double up.
  return { api: apiUrl.replace(/\/+$/u, '') };
}

function watchConnection(client: Client, log: Logger): void {
  client.on(Events.Error, (error) => log.error({ err: error }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'Discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn(
      { shardId, closeCode: event.code },
      'Discord gateway closed for good; restart santa to reconnect',
    ),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, 'Discord gateway resumed'),
  );
  client.on(Events.ShardError, (error, shardId) =>
    log.warn({ err: error, shardId }, 'Discord gateway error'),
  );
}
