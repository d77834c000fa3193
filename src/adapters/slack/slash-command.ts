import type { App, SlashCommand, webApi } from '@slack/bolt';
import type { CountryCode } from 'libphonenumber-js';

import { parseCommandText } from '../../bot/commands/parse.js';
import type { SantaCommand } from '../../bot/commands/types.js';
import { UserError } from '../../bot/errors.js';
import type { Clock, Logger, Store } from '../../bot/ports.js';
import type { Santa } from '../../bot/santa.js';
import { slackReplies } from '../../bot/texts/slack.js';
import { decodeSlackEntities } from './format.js';
import { createModal, wishlistModal, type ModalOrigin } from './modals.js';
import type { SlackPeople } from './people.js';
import { RecentKeys } from './recent-keys.js';
import { sendReplies, type ReplyTarget } from './replies.js';
import type { WorkQueue } from './work-queue.js';

/** Slack retries an unanswered request within minutes; a trigger id is remembered for half an hour. */
const RETRY_WINDOW_MS = 30 * 60 * 1_000;
const MAX_REMEMBERED_TRIGGERS = 50_000;

export interface SlashCommandDeps {
  santa: Santa;
  store: Store;
  people: SlackPeople;
  clock: Clock;
  logger: Logger;
  defaultCountry?: CountryCode;
  /** Runs the work after the ack; a shutdown waits for it. */
  queue: WorkQueue;
}

/**
 * Handles `/santa`. The request is acknowledged first, because Slack gives up after 3 seconds; the
 * command runs afterwards and its replies are posted. A request whose trigger id was already seen
 * (a Slack retry with X-Slack-Retry-Num, or a duplicate) is acknowledged and not run again. After a
 * restart a retry is run: the store makes a second draw a no-op and a second join harmless.
 */
export function registerSlashCommand(app: App, deps: SlashCommandDeps): void {
  const seen = new RecentKeys(deps.clock, RETRY_WINDOW_MS, MAX_REMEMBERED_TRIGGERS);

  app.command('/santa', async ({ command, ack, client, context }) => {
    await ack();

    // Slack sends a trigger id with every slash command; without one there is nothing to match on.
    if (command.trigger_id && !seen.add(command.trigger_id)) {
      deps.logger.info(
        { retryNum: context.retryNum, retryReason: context.retryReason, channelId: command.channel_id },
        'ignored a repeated /santa request',
      );
      return;
    }

    const parsed = parse(command.text, deps.defaultCountry, deps.logger);
    // A modal must open within 3 seconds of the command, so that work skips the queue.
    const urgent = parsed !== null && mayOpenModal(parsed);
    deps.queue
      .run(() => runCommand(deps, client, command, parsed), { urgent })
      .catch((error: unknown) => deps.logger.error({ err: error }, '/santa failed after its ack'));
  });
}

async function runCommand(
  deps: SlashCommandDeps,
  client: webApi.WebClient,
  command: SlashCommand,
  parsed: SantaCommand | null,
): Promise<void> {
  const target: ReplyTarget = {
    channelId: command.channel_id,
    userId: command.user_id,
    responseUrl: command.response_url || null,
  };

  try {
    if (parsed !== null && mayOpenModal(parsed) && (await openModalFor(deps, client, command, parsed)))
      return;

    const ctx = await deps.people.context(
      command.team_id,
      command.channel_id,
      command.user_id,
      command.user_name,
    );
    // A text that does not parse goes through executeText, which replies with the usage.
    const replies =
      parsed === null
        ? await deps.santa.executeText(ctx, command.text)
        : await deps.santa.execute(ctx, parsed);
    await sendReplies(client, target, replies, deps.logger);
  } catch (error) {
    deps.logger.error({ err: error, channelId: command.channel_id }, '/santa failed');
    await sendReplies(
      client,
      target,
      [{ visibility: 'private', text: slackReplies.unexpected }],
      deps.logger,
    );
  }
}

/**
 * Returns the command with Slack's entities decoded in its free text, or null when it does not parse;
 * the command then runs through `executeText`, which replies with the problem and the usage.
 */
function parse(text: string, defaultCountry: CountryCode | undefined, logger: Logger): SantaCommand | null {
  let command: SantaCommand;
  try {
    command = parseCommandText(text, { defaultCountry });
  } catch (error) {
    if (!(error instanceof UserError)) logger.error({ err: error }, '/santa text could not be parsed');
    return null;
  }

  if (command.name === 'wishlist' && command.text !== undefined) {
    return { ...command, text: decodeSlackEntities(command.text) };
  }
  if (command.name === 'create') {
    const decoded = { ...command };
    if (command.exchangeName !== undefined) decoded.exchangeName = decodeSlackEntities(command.exchangeName);
    if (command.budget !== undefined) decoded.budget = decodeSlackEntities(command.budget);
    return decoded;
  }
  return command;
}

/** Returns whether the command is a bare `/santa create` or `/santa wishlist`, which may open a modal. */
function mayOpenModal(command: SantaCommand): boolean {
  return (
    (command.name === 'create' && Object.keys(command).length === 1) ||
    (command.name === 'wishlist' && command.text === undefined)
  );
}

/**
 * Opens the create modal for a bare `/santa create` and the wishlist modal for a bare
 * `/santa wishlist`, when they apply. Returns false when the command should run as typed instead, so
 * that it answers with the usual message (an exchange already runs here, the caller has not joined).
 */
async function openModalFor(
  deps: SlashCommandDeps,
  client: webApi.WebClient,
  command: SlashCommand,
  parsed: SantaCommand,
): Promise<boolean> {
  const origin: ModalOrigin = { channelId: command.channel_id, responseUrl: command.response_url || null };
  const active = deps.store.findActiveExchange('slack', command.team_id, command.channel_id);
  let view;

  if (parsed.name === 'create') {
    if (active !== null) return false;
    view = createModal(origin);
  } else {
    const participant = active === null ? null : deps.store.findParticipantByUser(active.id, command.user_id);
    if (participant === null || participant.leftAt !== null) return false;
    view = wishlistModal(origin, participant.wishlist);
  }

  try {
    await client.views.open({ trigger_id: command.trigger_id, view });
  } catch (error) {
    deps.logger.warn({ err: error, callbackId: view.callback_id }, 'views.open failed');
    await sendReplies(
      client,
      { channelId: command.channel_id, userId: command.user_id, responseUrl: origin.responseUrl },
      [{ visibility: 'private', text: slackReplies.formUnavailable }],
      deps.logger,
    );
  }
  return true;
}
