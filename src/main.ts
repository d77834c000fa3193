/**
 * The composition root of `santa serve`: builds the store, the channels, the delivery worker and the
 * platform adapters that are configured, and starts them. Nothing else in santa wires things together.
 */
import type { Server } from 'node:http';

import { createChannels } from './adapters/channels.js';
import { createDiscordAdapter, type DiscordAdapter } from './adapters/discord/index.js';
import { closeServer, startHealthServer } from './adapters/health.js';
import { createSlackAdapter, type SlackAdapter } from './adapters/slack/index.js';
import { openStore } from './adapters/sqlite/index.js';
import { DeliveryWorker } from './bot/delivery/worker.js';
import { Santa } from './bot/santa.js';
import { systemClock } from './clock.js';
import { ConfigError } from './bot/errors.js';
import type { Config } from './config.js';
import type { Logger } from './bot/ports.js';
import { cryptoRandom } from './engine/random.js';

/** Turns a failure to listen on HOST:PORT into a ConfigError that names the variable to change. */
function listenError(error: unknown, config: Config): ConfigError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = `${config.host}:${config.port}`;
  const reasons: Record<string, string> = {
    EADDRINUSE: `PORT ${config.port} is already in use on ${config.host}. Stop the other program or set another PORT.`,
    EACCES: `santa may not listen on ${where}. Choose a PORT above 1023, or run with the right to bind it.`,
    EADDRNOTAVAIL: `HOST ${config.host} is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or one of its own addresses.`,
    ENOTFOUND: `HOST ${config.host} is not a known host name. Use 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`,
  };
  const message = code === undefined ? undefined : reasons[code];
  return message === undefined ? null : new ConfigError('LISTEN_FAILED', message, where, { cause: error });
}

export interface RunningServer {
  /** Stops receiving commands, lets the messages in flight finish, and closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts every configured platform and the delivery worker. With no platform configured, only the
 * worker runs, finishing deliveries left by an earlier run.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const store = openStore(config.databasePath, { logger });
  const channels = createChannels(config, { logger });

  const slack: SlackAdapter | null = config.slack
    ? createSlackAdapter({
        slack: config.slack,
        host: config.host,
        port: config.port,
        logger,
        store,
        defaultCountry: config.defaultCountry,
      })
    : null;
  const discord: DiscordAdapter | null = config.discord
    ? createDiscordAdapter({ discord: config.discord, logger, store })
    : null;
  if (slack) channels.set('slack', slack.channel);
  if (discord) channels.set('discord', discord.channel);

  const worker = new DeliveryWorker({
    store,
    channels,
    clock: systemClock,
    random: cryptoRandom,
    logger,
    concurrency: config.deliveryConcurrency,
  });
  const santa = new Santa({
    store,
    random: cryptoRandom,
    clock: systemClock,
    logger,
    channels,
    defaultCountry: config.defaultCountry,
    wakeDelivery: () => worker.wake(),
  });

  // Without Slack, whose receiver serves /healthz itself, a small server handles container health checks.
  let health: Server | null = null;

  worker.start();
  try {
    if (slack) await slack.start(santa);
    if (discord) await discord.start(santa);
    if (!slack) {
      health = await startHealthServer(config.host, config.port, () => ({
        healthy: true,
        mode: discord ? 'discord' : 'worker',
      }));
    }
  } catch (error) {
    await slack?.stop().catch(() => undefined);
    await discord?.stop().catch(() => undefined);
    await worker.stop();
    store.close();
    throw listenError(error, config) ?? error;
  }

  const platforms = [slack ? 'slack' : null, discord ? 'discord' : null].filter(Boolean);
  logger.info(
    { platforms, channels: [...channels.keys()], database: config.databasePath },
    platforms.length > 0
      ? 'santa started'
      : 'santa started with no chat platform; delivering pending messages only',
  );

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        logger.info('santa stopping');
        if (health) await closeServer(health);
        await slack?.stop();
        await discord?.stop();
        await worker.stop();
        store.close();
        logger.info('santa stopped');
      })();
      return stopping;
    },
  };
}
