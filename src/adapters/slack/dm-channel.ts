import { webApi } from '@slack/bolt';

import { DeliveryError } from '../../bot/errors.js';
import type { Addressee, Channel, Envelope, Logger, SendReceipt } from '../../bot/ports.js';
import { toBoltLogger } from './bolt-logger.js';
import { PERMANENT_TOKEN_ERRORS, toSlackDeliveryError } from './delivery-errors.js';
import { buildDmMessage } from './dm-message.js';

export interface SlackDmChannelOptions {
  botToken: string;
  /** The Web API base URL, ending with a slash; Slack's own when omitted. */
  slackApiUrl?: string;
  logger: Logger;
  /** How long one Web API call may take before it counts as a transient failure. */
  timeoutMs?: number;
}

/**
 * Creates the Slack DM channel with a WebClient that never retries or waits on a 429 by itself, so
 * that the outbox owns every retry.
 */
export function createSlackDmChannel(options: SlackDmChannelOptions): SlackDmChannel {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.slackApiUrl,
    logger: toBoltLogger(options.logger),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
  });
  return new SlackDmChannel(client, options.logger);
}

/** Our own name for an Addressee with no Slack user id, which no retry can fix. */
const NO_SLACK_USER = 'slack_no_user_id';

/**
 * The Slack DM channel: opens the app's DM with the person (conversations.open) and posts the Block
 * Kit message there (chat.postMessage). The WebClient passed in must not retry by itself
 * (`retryConfig: { retries: 0 }`, `rejectRateLimitedCalls: true`), so that every retry goes through
 * the outbox, which honours Retry-After and never sends one delivery twice.
 */
export class SlackDmChannel implements Channel {
  readonly kind = 'slack' as const;

  /**
   * DM channel ids by user id. They never change, so each person costs one conversations.open.
   * NOTE: Slack rate-limits conversations.open more tightly than chat.postMessage (its Tier 3, about
   * 50 calls a minute), so on real Slack the first DMs of a large draw are paced by it.
   */
  private readonly dmChannels = new Map<string, string>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  canReach(to: Addressee): boolean {
    return to.platform === 'slack' && to.platformUserId !== null && to.platformUserId !== '';
  }

  send(envelope: Envelope): Promise<SendReceipt> {
    const sending = this.deliver(envelope);
    this.inFlight.add(sending);
    const forget = (): void => void this.inFlight.delete(sending);
    sending.then(forget, forget);
    return sending;
  }

  /** Resolves once every send that has started has finished, for a clean shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private async deliver(envelope: Envelope): Promise<SendReceipt> {
    const userId = envelope.to.platformUserId;
    if (userId === null || userId === '') {
      throw new DeliveryError(NO_SLACK_USER, `Delivery ${envelope.deliveryId} has no Slack user to DM`, true);
    }

    const channel = await this.openDm(userId, envelope.deliveryId);
    const message = buildDmMessage(envelope.content);

    try {
      const result = await this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { providerMessageId: result.ts ?? null };
    } catch (error) {
      throw this.classify(error, 'chat.postMessage', envelope.deliveryId);
    }
  }

  private async openDm(userId: string, deliveryId: number): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known !== undefined) return known;

    try {
      const result = await this.client.conversations.open({ users: userId });
      const channelId = result.channel?.id;
      if (channelId === undefined) {
        throw new DeliveryError('slack_no_channel', 'Slack conversations.open returned no channel id', false);
      }
      this.dmChannels.set(userId, channelId);
      return channelId;
    } catch (error) {
      throw this.classify(error, 'conversations.open', deliveryId);
    }
  }

  private classify(error: unknown, method: string, deliveryId: number): DeliveryError {
    const failure = toSlackDeliveryError(error, method);
    const platformCode = failure.code.replace(/^slack_/u, '');
    if (PERMANENT_TOKEN_ERRORS.has(platformCode)) {
      // Every DM fails until the operator fixes the app's token or scopes; people fall back to SMS or email.
      this.logger.error(
        { deliveryId, code: failure.code },
        'Slack rejected the bot token; check SLACK_BOT_TOKEN and the app scopes',
      );
    }
    return failure;
  }
}
