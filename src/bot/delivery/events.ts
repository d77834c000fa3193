import type { ChannelKind, DeliveryPurpose } from '../model.js';

interface DeliveryEventBase {
  deliveryId: number;
  drawId: number;
  /** The giver the message is about (for an unreachable notice too, whose addressee is the organiser). */
  participantId: number;
  purpose: DeliveryPurpose;
  channel: ChannelKind;
}

/**
 * What happened to one delivery attempt, for progress displays. Carries ids and error codes only,
 * never an address or a pairing.
 */
export type DeliveryEvent =
  | (DeliveryEventBase & { type: 'sent' })
  | (DeliveryEventBase & { type: 'retry'; errorCode: string; nextAttemptAt: number })
  | (DeliveryEventBase & { type: 'fallback'; errorCode: string; nextChannel: ChannelKind })
  | (DeliveryEventBase & { type: 'failed'; errorCode: string; giverUnreachable: boolean });

/** Counts of what a worker did during one `drainUntilIdle` run. */
export interface DeliverySummary {
  sent: number;
  retried: number;
  fellBack: number;
  /** Deliveries that failed on their last channel. */
  failed: number;
  /** Givers left with no channel that worked. */
  unreachableGivers: number;
  sentByChannel: Partial<Record<ChannelKind, number>>;
}

export function emptySummary(): DeliverySummary {
  return { sent: 0, retried: 0, fellBack: 0, failed: 0, unreachableGivers: 0, sentByChannel: {} };
}

/** Adds one event to a summary. */
export function countEvent(summary: DeliverySummary, event: DeliveryEvent): void {
  switch (event.type) {
    case 'sent':
      summary.sent += 1;
      summary.sentByChannel[event.channel] = (summary.sentByChannel[event.channel] ?? 0) + 1;
      break;
    case 'retry':
      summary.retried += 1;
      break;
    case 'fallback':
      summary.fellBack += 1;
      break;
    case 'failed':
      summary.failed += 1;
      if (event.giverUnreachable) summary.unreachableGivers += 1;
      break;
  }
}
