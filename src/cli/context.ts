import { createChannels } from '../adapters/channels.js';
import { openStore } from '../adapters/sqlite/index.js';
import type { ChannelKind } from '../bot/model.js';
import type { Channel, Clock, Logger, RandomSource, Store } from '../bot/ports.js';
import { systemClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { cryptoRandom } from '../engine/random.js';
import { createLogger } from '../logger.js';
import type { Terminal } from './terminal.js';

/** Dependencies of every command: configuration, logging, output, time and randomness. */
export interface CliContext {
  config: Config;
  logger: Logger;
  terminal: Terminal;
  clock: Clock;
  random: RandomSource;
}

/**
 * Reads the configuration (throwing ConfigError on an invalid value) and creates the logger. The CLI
 * logs at `warn` unless LOG_LEVEL is set, so that its own output is not buried in JSON log lines.
 */
export function createCliContext(terminal: Terminal, env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = loadConfig(env);
  const logger = createLogger(env.LOG_LEVEL === undefined ? 'warn' : config.logLevel);
  return { config, logger, terminal, clock: systemClock, random: cryptoRandom };
}

/** Opens the database of SANTA_DB, runs `work` and closes the database, whatever happens. */
export async function withStore<T>(context: CliContext, work: (store: Store) => Promise<T> | T): Promise<T> {
  const store = openStore(context.config.databasePath, { logger: context.logger });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** Builds the configured channels; the local outbox is always among them. */
export function cliChannels(context: CliContext): ReadonlyMap<ChannelKind, Channel> {
  return createChannels(context.config, { logger: context.logger });
}
