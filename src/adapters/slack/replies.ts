import type { webApi } from '@slack/bolt';

import type { Reply } from '../../bot/commands/types.js';
import type { Logger } from '../../bot/ports.js';

/** Where the replies to one command go. */
export interface ReplyTarget {
  channelId: string;
  userId: string;
  /** The slash command's response_url (valid 30 minutes, 5 posts), when there is one. */
  responseUrl: string | null;
}

/**
 * Posts the replies of one command in order. A private reply goes to the response_url as an
 * ephemeral message, which works in every channel, including ones the bot has not joined, and falls
 * back to chat.postEphemeral. A public reply goes to the channel with chat.postMessage; when the bot
 * is not a member (the app asks for no scope that lets it post in channels it has not joined), it
 * falls back to the response_url `in_channel`. Failures are logged and never thrown: the command has
 * already run and been acknowledged.
 */
export async function sendReplies(
  client: webApi.WebClient,
  target: ReplyTarget,
  replies: readonly Reply[],
  logger: Logger,
): Promise<void> {
  for (const reply of replies) {
    const sent =
      reply.visibility === 'private'
        ? await sendPrivate(client, target, reply.text, logger)
        : await sendPublic(client, target, reply.text, logger);
    if (!sent) {
      logger.warn(
        { channelId: target.channelId, visibility: reply.visibility },
        'could not post a command reply',
      );
    }
  }
}

async function sendPrivate(
  client: webApi.WebClient,
  target: ReplyTarget,
  text: string,
  logger: Logger,
): Promise<boolean> {
  if (target.responseUrl !== null) {
    const posted = await postToResponseUrl(target.responseUrl, { response_type: 'ephemeral', text }, logger);
    if (posted) return true;
  }
  try {
    await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text });
    return true;
  } catch (error) {
    logger.warn({ err: error, channelId: target.channelId }, 'chat.postEphemeral failed');
    return false;
  }
}

async function sendPublic(
  client: webApi.WebClient,
  target: ReplyTarget,
  text: string,
  logger: Logger,
): Promise<boolean> {
  try {
    await client.chat.postMessage({
      channel: target.channelId,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
    return true;
  } catch (error) {
    logger.info(
      { err: error, channelId: target.channelId },
      'chat.postMessage to the channel failed; trying the response_url',
    );
  }
  if (target.responseUrl === null) return false;
  return postToResponseUrl(target.responseUrl, { response_type: 'in_channel', text }, logger);
}

/** Posts to a response_url; returns whether Slack accepted it. */
export async function postToResponseUrl(
  responseUrl: string,
  message: { response_type: 'ephemeral' | 'in_channel'; text: string },
  logger: Logger,
): Promise<boolean> {
  try {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (response.ok) return true;
    logger.warn({ status: response.status }, 'the response_url rejected the reply');
    return false;
  } catch (error) {
    logger.warn({ err: error }, 'posting to the response_url failed');
    return false;
  }
}
