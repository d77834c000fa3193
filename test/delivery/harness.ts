import pino from 'pino';

import { DeliveryError } from '../../src/bot/errors.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Addressee, Channel, Envelope, Logger, SendReceipt } from '../../src/bot/ports.js';

/** Creates a pino logger at debug level whose JSON lines the test can read. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/**
 * A chat DM channel for the worker tests: records what it sends, and fails permanently for the
 * platform user ids in `closedDms`, as Slack's cannot_dm_bot or Discord's 50007 would.
 */
export class RecordingDmChannel implements Channel {
  readonly sent: Envelope[] = [];
  readonly closedDms = new Set<string>();

  constructor(readonly kind: ChannelKind) {}

  canReach(to: Addressee): boolean {
    return to.platformUserId !== null;
  }

  async send(envelope: Envelope): Promise<SendReceipt> {
    await Promise.resolve();
    if (this.closedDms.has(envelope.to.platformUserId ?? '')) {
      throw new DeliveryError('DM_CLOSED', 'The user does not accept direct messages.', true);
    }
    this.sent.push(envelope);
    return { providerMessageId: `dm-${this.sent.length}` };
  }
}
