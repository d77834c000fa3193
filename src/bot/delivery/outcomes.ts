import { DeliveryError, toSantaError } from '../errors.js';
import type { Delivery, Platform } from '../model.js';
import type { Clock, Logger, NewDelivery, RandomSource, Store } from '../ports.js';
import { MAX_TRANSIENT_ATTEMPTS, retryDelayMs } from './backoff.js';
import type { DeliveryEvent } from './events.js';

/** Dependencies for recording an outcome, provided by the worker. */
export interface OutcomeContext {
  store: Store;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  emit(event: DeliveryEvent): void;
}

/** Turns anything a channel threw into a DeliveryError; an unknown error counts as transient. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const santa = toSantaError(error);
  return new DeliveryError(santa.code, santa.message, false, undefined, { cause: error });
}

/** Records a message the provider accepted. */
export function recordSent(
  context: OutcomeContext,
  delivery: Delivery,
  providerMessageId: string | null,
): void {
  context.store.markDeliverySent(delivery.id, providerMessageId, context.clock.now());
  context.emit({ type: 'sent', ...idsOf(delivery) });
}

/**
 * Records a failed attempt. A transient error is retried after a backoff until MAX_TRANSIENT_ATTEMPTS
 * attempts have failed, then counts as permanent with code RETRIES_EXHAUSTED. `delivery.attempts`
 * already counts the attempt that just failed, because claiming a delivery counts an attempt.
 */
export function recordFailure(
  context: OutcomeContext,
  delivery: Delivery,
  error: DeliveryError,
  platform: Platform | null,
): void {
  const { store, clock, random, logger } = context;
  const ids = { deliveryId: delivery.id, drawId: delivery.drawId, channel: delivery.channel };

  if (!error.permanent && delivery.attempts < MAX_TRANSIENT_ATTEMPTS) {
    // A Retry-After concerns the whole account, not this message, so it sets the schedule and the
    // backoff does not grow with the attempts it costs.
    const backoffAttempts = error.retryAfterMs === undefined ? delivery.attempts : 1;
    const nextAttemptAt = clock.now() + retryDelayMs(backoffAttempts, random, error.retryAfterMs);
    store.markDeliveryRetry(delivery.id, error.code, nextAttemptAt, clock.now());
    logger.warn(
      { ...ids, errorCode: error.code, attempts: delivery.attempts, nextAttemptAt },
      'delivery retry scheduled',
    );
    context.emit({ type: 'retry', ...idsOf(delivery), errorCode: error.code, nextAttemptAt });
    return;
  }

  const errorCode = error.permanent ? error.code : 'RETRIES_EXHAUSTED';
  if (!error.permanent) {
    logger.warn({ ...ids, errorCode: error.code, attempts: delivery.attempts }, 'delivery retries exhausted');
  }
  recordPermanentFailure(context, delivery, errorCode, platform);
}

function recordPermanentFailure(
  context: OutcomeContext,
  delivery: Delivery,
  errorCode: string,
  platform: Platform | null,
): void {
  const { store, clock, logger } = context;
  const ids = { deliveryId: delivery.id, drawId: delivery.drawId, channel: delivery.channel, errorCode };
  const [nextChannel, ...rest] = delivery.fallback;
  const next: NewDelivery | null =
    nextChannel === undefined
      ? null
      : {
          participantId: delivery.participantId,
          purpose: delivery.purpose,
          channel: nextChannel,
          fallback: rest,
        };

  let giverUnreachable = false;
  store.transaction(() => {
    const now = clock.now();
    store.markDeliveryFailed(delivery.id, errorCode, next, now);
    if (next !== null || delivery.purpose !== 'reveal') return;

    giverUnreachable = !hasOtherOpenReveal(store, delivery);
    // On Slack and Discord the organiser hears about it by DM; on the CLI, status shows it.
    if (giverUnreachable && platform !== null && platform !== 'cli') {
      const notice: NewDelivery = {
        participantId: delivery.participantId,
        purpose: 'unreachable',
        channel: platform,
        fallback: [],
      };
      store.enqueueDeliveries(delivery.drawId, [notice], now);
    }
  });

  if (next !== null) {
    logger.warn({ ...ids, nextChannel: next.channel }, 'delivery failed, falling back to the next channel');
    context.emit({ type: 'fallback', ...idsOf(delivery), errorCode, nextChannel: next.channel });
    return;
  }

  if (delivery.purpose === 'unreachable') {
    logger.error(ids, 'failed to notify the organiser that a giver is unreachable');
  } else if (giverUnreachable) {
    logger.warn(
      { ...ids, organiserNotified: platform !== 'cli' },
      'delivery gave up: the giver is unreachable',
    );
  } else {
    logger.warn(ids, 'delivery gave up on this channel; another delivery to the giver is still open or sent');
  }
  context.emit({ type: 'failed', ...idsOf(delivery), errorCode, giverUnreachable });
}

/** Returns whether the giver has another reveal delivery in this draw that is not failed (sent or still open). */
function hasOtherOpenReveal(store: Store, delivery: Delivery): boolean {
  return store
    .listDeliveries(delivery.drawId)
    .some(
      (other) =>
        other.id !== delivery.id &&
        other.participantId === delivery.participantId &&
        other.purpose === 'reveal' &&
        other.status !== 'failed',
    );
}

function idsOf(
  delivery: Delivery,
): Pick<Delivery, 'participantId' | 'drawId' | 'purpose' | 'channel'> & { deliveryId: number } {
  return {
    deliveryId: delivery.id,
    drawId: delivery.drawId,
    participantId: delivery.participantId,
    purpose: delivery.purpose,
    channel: delivery.channel,
  };
}
