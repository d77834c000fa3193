import { DeliveryError } from '../errors.js';
import type { ChannelKind, Delivery, Exchange, Participant } from '../model.js';
import type { Addressee, Envelope, Store } from '../ports.js';
import { addresseeOf } from './plan.js';

/**
 * Builds the Envelope of a delivery from the store: the giver's addressee and their recipient for a
 * reveal, the organiser for an unreachable notice. The recipient's wishlist is read fresh each time,
 * so a resend carries the latest one.
 */
export class EnvelopeBuilder {
  constructor(private readonly store: Store) {}

  /** Throws a permanent DeliveryError `DELIVERY_DATA_MISSING` when a row the message needs is gone. */
  build(delivery: Delivery): Envelope {
    const giver = this.requireParticipant(delivery.participantId, delivery);
    const exchange = this.store.getExchange(giver.exchangeId);
    if (!exchange) throw missing(delivery, `exchange ${giver.exchangeId}`);

    if (delivery.purpose === 'unreachable') {
      return {
        deliveryId: delivery.id,
        exchange,
        to: this.organiserOf(exchange),
        content: {
          purpose: 'unreachable',
          giverName: giver.displayName,
          exchangeName: exchange.name,
          triedChannels: this.triedChannels(delivery),
        },
      };
    }

    const assignment = this.store.getAssignmentForGiver(delivery.drawId, giver.id);
    if (!assignment) throw missing(delivery, `the assignment of participant ${giver.id}`);
    const recipient = this.requireParticipant(assignment.recipientId, delivery);

    return {
      deliveryId: delivery.id,
      exchange,
      to: addresseeOf(giver, exchange),
      content: {
        purpose: 'reveal',
        giverName: giver.displayName,
        recipientName: recipient.displayName,
        exchangeName: exchange.name,
        budget: exchange.budget,
        exchangeDate: exchange.exchangeDate,
        wishlist: recipient.wishlist,
      },
    };
  }

  private requireParticipant(id: number, delivery: Delivery): Participant {
    const participant = this.store.getParticipant(id);
    if (!participant) throw missing(delivery, `participant ${id}`);
    return participant;
  }

  /** Returns the organiser as an addressee: their platform DM, plus their phone and email when they take part. */
  private organiserOf(exchange: Exchange): Addressee {
    const asParticipant =
      exchange.platform === 'cli'
        ? null
        : this.store.findParticipantByUser(exchange.id, exchange.organiserId);
    return {
      name: asParticipant?.displayName ?? exchange.organiserId,
      platform: exchange.platform,
      platformUserId: exchange.platform === 'cli' ? null : exchange.organiserId,
      phone: asParticipant?.phone ?? null,
      email: asParticipant?.email ?? null,
    };
  }

  /** Returns the channels the giver's reveal deliveries of this draw were tried on, in the order tried. */
  private triedChannels(delivery: Delivery): ChannelKind[] {
    const tried = this.store
      .listDeliveries(delivery.drawId)
      .filter((d) => d.participantId === delivery.participantId && d.purpose === 'reveal')
      .sort((a, b) => a.id - b.id)
      .map((d) => d.channel);
    return [...new Set(tried)];
  }
}

function missing(delivery: Delivery, what: string): DeliveryError {
  return new DeliveryError(
    'DELIVERY_DATA_MISSING',
    `Delivery ${delivery.id} cannot be built because ${what} is missing from the database. ` +
      'Check that the database was not edited by hand.',
    true,
  );
}
