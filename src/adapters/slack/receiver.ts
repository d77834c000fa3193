import { HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';

import type { Config } from '../../config.js';
import { healthRoute, type HealthState } from './health.js';

/** The path Slack posts slash commands and interactions to in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

export interface ReceiverOptions {
  slack: NonNullable<Config['slack']>;
  logger: BoltLogger;
  /** The Web API options; Socket Mode opens its connection (apps.connections.open) with them. */
  clientOptions: webApi.WebClientOptions;
  health: HealthState;
  /** Called with true when the Socket Mode WebSocket connects and false when it drops. */
  onSocketState(connected: boolean): void;
}

/**
 * Creates Bolt's receiver: Socket Mode when an app-level token is configured, else the HTTP receiver
 * with Slack's request signature check (HMAC-SHA256 under the signing secret, requests older than
 * 5 minutes rejected) and the health route.
 */
export function createReceiver(options: ReceiverOptions): HTTPReceiver | SocketModeReceiver {
  const { slack, logger } = options;
  if (slack.appToken === undefined) {
    return new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: EVENTS_PATH,
      customRoutes: [healthRoute(options.health)],
      logger,
      processBeforeResponse: false,
    });
  }

  const receiver = new SocketModeReceiver({
    appToken: slack.appToken,
    logger,
    installerOptions: { clientOptions: { ...options.clientOptions } },
  });
  receiver.client.on('connected', () => options.onSocketState(true));
  // The client emits `close` when the WebSocket drops, before it reconnects on its own.
  receiver.client.on('close', () => options.onSocketState(false));
  receiver.client.on('disconnected', () => options.onSocketState(false));
  return receiver;
}
