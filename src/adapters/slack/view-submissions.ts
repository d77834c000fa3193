import type { App, ViewOutput, webApi } from '@slack/bolt';

import type { CommandContext, Reply } from '../../bot/commands/types.js';
import type { Logger } from '../../bot/ports.js';
import type { Santa } from '../../bot/santa.js';
import { slackReplies } from '../../bot/texts/slack.js';
import {
  CREATE_CALLBACK_ID,
  WISHLIST_CALLBACK_ID,
  decodeOrigin,
  readCreateSubmission,
  readWishlistSubmission,
  type ModalOrigin,
  type Submission,
} from './modals.js';
import type { SlackPeople } from './people.js';
import { sendReplies } from './replies.js';
import type { WorkQueue } from './work-queue.js';

export interface ViewSubmissionDeps {
  santa: Santa;
  people: SlackPeople;
  logger: Logger;
  /** Runs the work after the ack; a shutdown waits for it. */
  queue: WorkQueue;
}

interface Submitter {
  teamId: string;
  userId: string;
  username: string;
}

/**
 * Handles the create and wishlist modals. An invalid value is reported in the modal itself
 * (`response_action: errors`, keyed by block id) so that nothing typed is lost; a valid submission
 * closes the modal at once and runs the command afterwards, posting its replies in the channel the
 * modal was opened from.
 */
export function registerViewSubmissions(app: App, deps: ViewSubmissionDeps): void {
  handleModal(app, deps, CREATE_CALLBACK_ID, readCreateSubmission, (ctx, options) =>
    deps.santa.createExchange(ctx, options),
  );
  handleModal(app, deps, WISHLIST_CALLBACK_ID, readWishlistSubmission, (ctx, text) =>
    deps.santa.setWishlist(ctx, text),
  );
}

function handleModal<T>(
  app: App,
  deps: ViewSubmissionDeps,
  callbackId: string,
  read: (view: ViewOutput) => Submission<T>,
  run: (ctx: CommandContext, value: T) => Promise<Reply[]>,
): void {
  app.view(callbackId, async ({ ack, view, body, client }) => {
    const submission = read(view);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    await ack();
    deps.queue
      .run(() => runSubmission(deps, client, view, submitter(body), (ctx) => run(ctx, submission.value)))
      .catch((error: unknown) =>
        deps.logger.error({ err: error, callbackId }, 'modal submission failed after its ack'),
      );
  });
}

function submitter(body: {
  user: { id: string; name?: string; username?: string; team_id?: string };
  team: { id: string } | null;
}): Submitter {
  return {
    teamId: body.user.team_id ?? body.team?.id ?? '',
    userId: body.user.id,
    username: body.user.username ?? body.user.name ?? body.user.id,
  };
}

async function runSubmission(
  deps: ViewSubmissionDeps,
  client: webApi.WebClient,
  view: ViewOutput,
  person: Submitter,
  run: (ctx: CommandContext) => Promise<Reply[]>,
): Promise<void> {
  const origin: ModalOrigin | null = decodeOrigin(view.private_metadata);
  if (origin === null) {
    deps.logger.warn({ callbackId: view.callback_id }, 'a modal submission carried no channel; ignored');
    return;
  }
  const target = { channelId: origin.channelId, userId: person.userId, responseUrl: origin.responseUrl };

  try {
    const ctx = await deps.people.context(person.teamId, origin.channelId, person.userId, person.username);
    await sendReplies(client, target, await run(ctx), deps.logger);
  } catch (error) {
    deps.logger.error({ err: error, callbackId: view.callback_id }, 'modal submission failed');
    await sendReplies(
      client,
      target,
      [{ visibility: 'private', text: slackReplies.unexpected }],
      deps.logger,
    );
  }
}
