import type { Delivery } from '../model.js';
import type { GiverState } from '../texts/commands.js';

/**
 * Sums up each giver's reveal deliveries: told once any was sent; pending while one is still queued
 * or sending; unreachable once every attempt failed or the organiser was told so. Givers with no
 * delivery at all are unreachable too, because planning found no channel for them.
 */
export function giverStates(
  deliveries: readonly Delivery[],
  giverIds: readonly number[],
): Map<number, GiverState> {
  const states = new Map<number, GiverState>();

  for (const giverId of giverIds) {
    const own = deliveries.filter((delivery) => delivery.participantId === giverId);
    const reveals = own.filter((delivery) => delivery.purpose === 'reveal');
    const sent = reveals.find((delivery) => delivery.status === 'sent');
    const queued = reveals.find((delivery) => delivery.status === 'pending' || delivery.status === 'sending');

    if (sent !== undefined) {
      states.set(giverId, { kind: 'told', channel: sent.channel });
    } else if (queued !== undefined) {
      states.set(giverId, { kind: 'pending', channel: queued.channel, retrying: queued.attempts > 0 });
    } else {
      states.set(giverId, { kind: 'unreachable' });
    }
  }

  return states;
}
