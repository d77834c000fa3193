import type { ChannelKind, Delivery } from '../model.js';
import type { Store } from '../ports.js';

/**
 * State of one giver's reveal. told: a message was accepted on `channels`. pending: a delivery is
 * still queued or being sent. unreachable: every channel failed, or the giver had none.
 * Never carries the recipient.
 */
export interface GiverDeliveryState {
  participantId: number;
  name: string;
  state: 'told' | 'pending' | 'unreachable';
  /** Channels whose message was accepted, in the order sent; empty unless told. */
  channels: ChannelKind[];
  /** The error code of the last failed attempt, if any, for the organiser's status view. */
  lastErrorCode: string | null;
}

export interface DrawDeliveryStatus {
  drawId: number;
  givers: GiverDeliveryState[];
  told: number;
  pending: number;
  unreachable: number;
  /** How many givers were told on each channel (a giver told twice with `--notify all` counts twice). */
  byChannel: Partial<Record<ChannelKind, number>>;
}

/** Summarises a draw's reveal deliveries per giver, in the giver's join order, without pairings. */
export function summarizeDeliveries(store: Store, drawId: number): DrawDeliveryStatus {
  const assignments = store.listAssignments(drawId);
  const reveals = store.listDeliveries(drawId).filter((delivery) => delivery.purpose === 'reveal');

  const byGiver = new Map<number, Delivery[]>();
  for (const delivery of reveals) {
    const list = byGiver.get(delivery.participantId) ?? [];
    list.push(delivery);
    byGiver.set(delivery.participantId, list);
  }

  const givers: GiverDeliveryState[] = [];
  for (const { giverId } of [...assignments].sort((a, b) => a.giverId - b.giverId)) {
    const deliveries = (byGiver.get(giverId) ?? []).sort((a, b) => a.id - b.id);
    givers.push(stateOf(giverId, store.getParticipant(giverId)?.displayName ?? `#${giverId}`, deliveries));
  }

  const byChannel: Partial<Record<ChannelKind, number>> = {};
  for (const giver of givers) {
    for (const channel of giver.channels) byChannel[channel] = (byChannel[channel] ?? 0) + 1;
  }

  return {
    drawId,
    givers,
    told: givers.filter((giver) => giver.state === 'told').length,
    pending: givers.filter((giver) => giver.state === 'pending').length,
    unreachable: givers.filter((giver) => giver.state === 'unreachable').length,
    byChannel,
  };
}

function stateOf(participantId: number, name: string, deliveries: Delivery[]): GiverDeliveryState {
  const sent = deliveries.filter((delivery) => delivery.status === 'sent');
  const failed = deliveries.filter((delivery) => delivery.lastErrorCode !== null);
  const lastErrorCode = failed.at(-1)?.lastErrorCode ?? null;

  if (sent.length > 0) {
    return {
      participantId,
      name,
      state: 'told',
      channels: sent.map((delivery) => delivery.channel),
      lastErrorCode,
    };
  }
  const open = deliveries.some((delivery) => delivery.status === 'pending' || delivery.status === 'sending');
  return { participantId, name, state: open ? 'pending' : 'unreachable', channels: [], lastErrorCode };
}
