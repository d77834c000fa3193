import { resolve } from 'node:path';

import { checkWritableFolder, codeOf } from '../adapters/outbox/make-folder.js';
import { UserError } from '../bot/errors.js';
import { outboxUnwritable } from '../bot/texts/cli.js';
import type { CliContext } from './context.js';

/**
 * Throws UserError OUTBOX_NOT_WRITABLE, naming the folder and the system's reason, unless
 * SANTA_OUTBOX_DIR can be created and written. The CLI always has the outbox as the last channel, so
 * it checks before storing a draw: otherwise every giver would be reported unreachable, as if their
 * details were wrong.
 */
export async function requireWritableOutbox(context: CliContext): Promise<void> {
  const dir = resolve(context.config.outboxDir);
  try {
    await checkWritableFolder(dir);
  } catch (error) {
    const reason = codeOf(error) ?? (error instanceof Error ? error.message : String(error));
    // The user sees the message; the log keeps the event for LOG_LEVEL=info and below.
    context.logger.info({ errorCode: reason }, 'outbox folder not writable');
    throw new UserError('OUTBOX_NOT_WRITABLE', outboxUnwritable(dir, reason), dir, { cause: error });
  }
}
