import type { ChannelKind, Exchange, Participant } from '../model.js';
import type { Addressee, Channel, NewDelivery } from '../ports.js';

/** How a draw notifies its givers. */
export type NotifyMode = 'first-reachable' | 'all';

/** The Addressee a channel needs for a participant. */
export function addresseeOf(participant: Participant, exchange: Exchange): Addressee {
  return {
    name: participant.displayName,
    platform: exchange.platform,
    platformUserId: participant.platformUserId,
    phone: participant.phone,
    email: participant.email,
  };
}

/**
 * Returns the channels to try for a giver, in order. The person's own `channels` come first when set,
 * else the platform DM (for Slack and Discord exchanges), then SMS, then email. CLI exchanges end with
 * the local outbox file, which an operator reads; platform exchanges end by telling the organiser.
 * Only channels that are configured and have an address for the person are kept.
 */
export function channelOrder(
  participant: Participant,
  exchange: Exchange,
  configured: ReadonlyMap<ChannelKind, Channel>,
): ChannelKind[] {
  const defaults: ChannelKind[] =
    exchange.platform === 'cli' ? ['sms', 'email', 'file'] : [exchange.platform, 'sms', 'email'];
  const preferred = participant.channels ?? [];
  const order = [...preferred, ...(preferred.length > 0 ? [] : defaults)];
  if (exchange.platform === 'cli' && !order.includes('file')) order.push('file');

  const addressee = addresseeOf(participant, exchange);
  const reachable = order.filter((kind, index) => {
    const channel = configured.get(kind);
    return order.indexOf(kind) === index && channel !== undefined && channel.canReach(addressee);
  });
  return reachable;
}

/**
 * Plans the first deliveries of a draw. In `first-reachable` mode each giver gets one delivery on their
 * first channel, with the rest as its fallback. In `all` mode each giver gets one independent delivery
 * per reachable channel. A giver with no reachable channel gets no delivery and is returned in
 * `unreachable`, so that the caller can tell the organiser.
 */
export function planRevealDeliveries(
  givers: readonly Participant[],
  exchange: Exchange,
  configured: ReadonlyMap<ChannelKind, Channel>,
  mode: NotifyMode,
): { deliveries: NewDelivery[]; unreachable: Participant[] } {
  const deliveries: NewDelivery[] = [];
  const unreachable: Participant[] = [];

  for (const giver of givers) {
    const order = channelOrder(giver, exchange, configured);
    const [first, ...rest] = order;
    if (first === undefined) {
      unreachable.push(giver);
      continue;
    }
    if (mode === 'all') {
      for (const channel of order) {
        deliveries.push({ participantId: giver.id, purpose: 'reveal', channel, fallback: [] });
      }
    } else {
      deliveries.push({ participantId: giver.id, purpose: 'reveal', channel: first, fallback: rest });
    }
  }

  return { deliveries, unreachable };
}
