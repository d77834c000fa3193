/**
 * The Slack app: `/santa` and its modals on Bolt, and the Slack DM channel of the delivery outbox.
 * HTTP mode (Bolt's HTTPReceiver, with a health endpoint) serves hosted installs; Socket Mode, chosen
 * when an app-level token is set, needs no public URL.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { CountryCode } from 'libphonenumber-js';

import { ConfigError } from '../../bot/errors.js';
import type { Clock, Logger, Store } from '../../bot/ports.js';
import type { Santa } from '../../bot/santa.js';
import { systemClock } from '../../clock.js';
import type { Config } from '../../config.js';
import { toBoltLogger } from './bolt-logger.js';
import { createSlackDmChannel, type SlackDmChannel } from './dm-channel.js';
import { addressOf, closeServer, startHealthServer, type HealthState } from './health.js';
import { SlackPeople } from './people.js';
import { createReceiver } from './receiver.js';
import { registerSlashCommand } from './slash-command.js';
import { registerViewSubmissions } from './view-submissions.js';
import { WorkQueue } from './work-queue.js';

export { slackFormat } from './format.js';
export { createSlackDmChannel, SlackDmChannel } from './dm-channel.js';
export { EVENTS_PATH } from './receiver.js';

/**
 * How many acknowledged commands run at once. Each waits on a Web API call or two, so a few dozen keep
 * a burst moving without starving the acknowledgements of new requests.
 */
const MAX_COMMANDS_IN_FLIGHT = 16;

export interface SlackAdapterOptions {
  slack: NonNullable<Config['slack']>;
  /** The listening address of the HTTP receiver (or, in Socket Mode, of the health endpoint). */
  host: string;
  port: number;
  logger: Logger;
  store: Store;
  clock?: Clock;
  /** The country of phone numbers typed without a country code in `/santa contact`. */
  defaultCountry?: CountryCode;
}

export interface SlackAdapter {
  /** The Slack DM channel, for the delivery worker's channel map. */
  channel: SlackDmChannel;
  /**
   * Checks the bot token (auth.test), then starts receiving commands. Throws a ConfigError when Slack
   * rejects the token.
   */
  start(santa: Santa): Promise<void>;
  /** Stops receiving, then waits for the commands and DMs in flight to finish. */
  stop(): Promise<void>;
  /** Returns the address the HTTP receiver or the health endpoint listens on, once started. */
  address(): AddressInfo | null;
  /** Resolves when no acknowledged command or modal submission is still running. */
  idle(): Promise<void>;
}

/**
 * Creates the Slack adapter in two steps: the channel exists at once, because the Santa service needs
 * the channel map, and `start` takes the Santa service built with it.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const logger = options.logger.child({ component: 'slack' });
  const clock = options.clock ?? systemClock;
  const boltLogger = toBoltLogger(logger);
  const slackApiUrl = apiBaseUrl(options.slack.apiUrl);

  const channel = createSlackDmChannel({ botToken: options.slack.botToken, slackApiUrl, logger });

  const queue = new WorkQueue(MAX_COMMANDS_IN_FLIGHT);
  const idle = (): Promise<void> => queue.idle();

  let app: App | null = null;
  let server: Server | null = null;
  let healthServer: Server | null = null;
  let socketConnected = false;

  return {
    channel,

    async start(santa) {
      if (app !== null) throw new Error('The Slack adapter is already started.');
      const socketMode = options.slack.appToken !== undefined;
      const health: HealthState = () => ({
        healthy: socketMode ? socketConnected : true,
        mode: socketMode ? 'socket' : 'http',
      });
      // Replies to people may retry a little; a reply that arrives minutes late is worse than none.
      const clientOptions: webApi.WebClientOptions = {
        slackApiUrl,
        logger: boltLogger,
        timeout: 10_000,
        retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
      };

      const receiver = createReceiver({
        slack: options.slack,
        logger: boltLogger,
        clientOptions,
        health,
        onSocketState: (connected) => (socketConnected = connected),
      });

      const created = new App({
        token: options.slack.botToken,
        receiver,
        logger: boltLogger,
        clientOptions,
        convoStore: false,
        deferInitialization: true,
      });
      created.error(async (error) => {
        logger.error({ err: error }, 'a Slack request failed');
      });

      try {
        await created.init();
      } catch (error) {
        throw new ConfigError(
          'SLACK_AUTH_FAILED',
          `Slack rejected SLACK_BOT_TOKEN (auth.test: ${describe(error)}). Copy the Bot User OAuth Token ` +
            'from the app\'s "OAuth & Permissions" page and make sure the app is installed in the workspace.',
          'SLACK_BOT_TOKEN',
          { cause: error },
        );
      }

      const deps = {
        santa,
        store: options.store,
        clock,
        logger,
        defaultCountry: options.defaultCountry,
        queue,
      };
      const people = new SlackPeople(created.client, clock, logger);
      registerSlashCommand(created, { ...deps, people });
      registerViewSubmissions(created, { ...deps, people });

      try {
        if (receiver instanceof HTTPReceiver) {
          server = (await created.start({ port: options.port, host: options.host })) as Server;
        } else {
          healthServer = await startHealthServer(options.host, options.port, health);
          await created.start();
        }
      } catch (error) {
        logger.error({ err: error }, 'the Slack app failed to start');
        await created.stop().catch(() => undefined);
        if (healthServer !== null) await closeServer(healthServer);
        healthServer = null;
        throw error;
      }
      app = created;
      logger.info(
        { mode: socketMode ? 'socket' : 'http', ...addressOf(server ?? (healthServer as Server)) },
        'Slack app started',
      );
    },

    async stop() {
      const running = app;
      app = null;
      if (running !== null) await running.stop();
      if (healthServer !== null) await closeServer(healthServer);
      server = null;
      healthServer = null;

      await idle();
      await channel.drain();
      if (running !== null) logger.info('Slack app stopped');
    },

    idle,

    address() {
      const listening = server ?? healthServer;
      return listening === null ? null : addressOf(listening);
    },
  };
}

/** The WebClient joins method names to its base URL, so the base must end with a slash. */
function apiBaseUrl(apiUrl: string | undefined): string | undefined {
  if (apiUrl === undefined) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

function describe(error: unknown): string {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return error instanceof Error ? error.message : String(error);
}
