import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  RESTJSONErrorCodes,
  Routes,
  type APIDMChannel,
  type APIMessage,
  type REST,
} from 'discord.js';

import { DeliveryError } from '../../bot/errors.js';
import type { Addressee, Channel, Envelope, Logger, SendReceipt } from '../../bot/ports.js';
import { escapeContent, messageText } from '../../bot/texts/reveal.js';
import { withoutRequestBody } from './loggable-error.js';
import { discordFormat, fitMessage } from './format.js';

/** Discord errors that mean this person cannot get a DM from the bot, now or on a retry. */
const UNREACHABLE_CODES = new Set<number | string>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/**
 * Creates the Discord DM channel: it opens (or reuses) the DM channel with the person, then posts the
 * message there with mentions disabled. It needs only REST, so deliveries also go out while the gateway
 * reconnects. discord.js REST waits out rate limits (429) per bucket, and each DM channel has its own,
 * so one rate-limited DM does not hold up the others.
 */
export function createDiscordChannel(options: { rest: REST; logger: Logger }): Channel {
  const { rest, logger } = options;

  return {
    kind: 'discord',

    canReach: (to: Addressee) => to.platform === 'discord' && to.platformUserId !== null,

    async send(envelope: Envelope): Promise<SendReceipt> {
      const userId = envelope.to.platformUserId;
      if (envelope.to.platform !== 'discord' || userId === null) {
        throw new DeliveryError(
          'DISCORD_NO_USER',
          `Delivery ${envelope.deliveryId} has no Discord user to send to; use another channel for this person.`,
          true,
        );
      }

      const content = fitMessage(messageText(escapeContent(envelope.content, discordFormat.escape)));
      try {
        const dm = (await rest.post(Routes.userChannels(), {
          body: { recipient_id: userId },
        })) as APIDMChannel;
        const message = (await rest.post(Routes.channelMessages(dm.id), {
          body: { content, allowed_mentions: { parse: [] } },
        })) as APIMessage;
        return { providerMessageId: message.id };
      } catch (error) {
        const failure = toDeliveryError(error, envelope.deliveryId);
        // Not the raw error: discord.js errors carry the request body, which names the recipient.
        logger.warn(
          {
            deliveryId: envelope.deliveryId,
            code: failure.code,
            permanent: failure.permanent,
            reason: failure.message,
          },
          'Discord DM failed',
        );
        throw failure;
      }
    },
  };
}

/**
 * Maps a discord.js REST failure to a DeliveryError. Closed DMs (50007, 50278) and an unknown user
 * (10013) are permanent, so the giver moves to SMS or email. A rejected token (401) is retried, because
 * the fix is the operator's and not the person's. discord.js has already retried 5xx responses and
 * network errors three times by the time they arrive here.
 */
export function toDeliveryError(error: unknown, deliveryId: number): DeliveryError {
  const options = { cause: withoutRequestBody(error) };

  if (error instanceof DiscordAPIError) {
    if (UNREACHABLE_CODES.has(error.code)) {
      return new DeliveryError(
        'DISCORD_DMS_CLOSED',
        `Discord refused the DM for delivery ${deliveryId} (error ${error.code}): the person does not accept direct messages from this bot.`,
        true,
        undefined,
        options,
      );
    }
    if (error.code === RESTJSONErrorCodes.UnknownUser) {
      return new DeliveryError(
        'DISCORD_UNKNOWN_USER',
        `Discord does not know the user of delivery ${deliveryId} (error 10013); the account may have been deleted.`,
        true,
        undefined,
        options,
      );
    }
    if (error.status === 401) {
      return new DeliveryError(
        'DISCORD_UNAUTHORIZED',
        'Discord rejected the bot token (401). Check DISCORD_TOKEN and restart santa.',
        false,
        undefined,
        options,
      );
    }
    return new DeliveryError(
      'DISCORD_REJECTED',
      `Discord rejected the DM for delivery ${deliveryId} with HTTP ${error.status} (error ${error.code}): ${error.message}`,
      true,
      undefined,
      options,
    );
  }

  if (error instanceof RateLimitError) {
    return new DeliveryError(
      'DISCORD_RATE_LIMITED',
      `Discord rate-limited the DM for delivery ${deliveryId}; retrying after ${error.retryAfter} ms.`,
      false,
      error.retryAfter,
      options,
    );
  }

  if (error instanceof HTTPError) {
    return new DeliveryError(
      'DISCORD_UNAVAILABLE',
      `Discord answered HTTP ${error.status} to the DM for delivery ${deliveryId}; it will be retried.`,
      false,
      undefined,
      options,
    );
  }

  const reason = error instanceof Error ? error.message : String(error);
  return new DeliveryError(
    'DISCORD_NETWORK',
    `Could not reach Discord for delivery ${deliveryId} (${reason}); it will be retried.`,
    false,
    undefined,
    options,
  );
}
