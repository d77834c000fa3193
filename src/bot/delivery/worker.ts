import { setMaxListeners } from 'node:events';

import { DeliveryError, toSantaError } from '../errors.js';
import type { ChannelKind, Delivery, Platform } from '../model.js';
import type { Channel, Clock, Logger, RandomSource, Store } from '../ports.js';
import { ChannelPauses } from './channel-pauses.js';
import { EnvelopeBuilder } from './envelope.js';
import { countEvent, emptySummary, type DeliveryEvent, type DeliverySummary } from './events.js';
import { recordFailure, recordSent, toDeliveryError, type OutcomeContext } from './outcomes.js';

export interface DeliveryWorkerDeps {
  store: Store;
  channels: ReadonlyMap<ChannelKind, Channel>;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  /** How many messages may be in flight at once; also the most a crash can send twice. */
  concurrency: number;
}

export interface DrainOptions {
  onProgress?(event: DeliveryEvent): void;
}

/**
 * Sends the deliveries of the outbox. Claims due deliveries, up to `concurrency` in flight, sends each
 * on its channel and records the outcome: sent, retried later, or failed with a fallback to the next
 * channel. A claimed delivery is in `sending` while its message is in flight, so a crash leaves at most
 * `concurrency` messages that the next start sends again. When a provider requests a pause with
 * Retry-After, the whole channel pauses, not just the one delivery.
 */
export class DeliveryWorker {
  private readonly envelopes: EnvelopeBuilder;
  /**
   * The channels this process can send on. Deliveries on other channels (Slack DMs, when the CLI runs
   * on the database of `santa serve`) stay pending for the process that has them.
   */
  private readonly kinds: ChannelKind[];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly pauses: ChannelPauses;
  private wakeController = new AbortController();
  private stopController = new AbortController();
  private running: Promise<void> | null = null;
  private listener: ((event: DeliveryEvent) => void) | null = null;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    if (!Number.isInteger(deps.concurrency) || deps.concurrency < 1) {
      throw new RangeError(
        `Delivery concurrency must be a whole number of at least 1, got ${deps.concurrency}.`,
      );
    }
    this.envelopes = new EnvelopeBuilder(deps.store);
    this.pauses = new ChannelPauses(deps.clock, deps.logger);
    this.kinds = [...deps.channels.keys()];
  }

  /**
   * Starts sending in the background until `stop`. Does nothing when already running. If the store
   * fails, the worker logs the error and ends; a later `start` resumes.
   */
  start(): void {
    if (this.running) return;
    this.running = this.run(false);
    // The error is logged in `run`; this keeps it from also ending the process as an unhandled rejection.
    this.running.catch(() => undefined);
  }

  /** Tells a waiting worker that new deliveries were enqueued. */
  wake(): void {
    this.wakeController.abort();
  }

  /** Stops claiming, lets the messages in flight finish and records their outcome, then resolves. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake();
    await this.running;
  }

  /**
   * Sends until nothing is pending or sending, waiting on the clock for retries that are not due yet.
   * For the CLI, which delivers one draw and exits. Returns what this run did.
   */
  async drainUntilIdle(options: DrainOptions = {}): Promise<DeliverySummary> {
    if (this.running) throw new Error('The delivery worker is already running; stop it before draining.');
    const summary = emptySummary();
    this.listener = (event) => {
      countEvent(summary, event);
      options.onProgress?.(event);
    };
    try {
      this.running = this.run(true);
      await this.running;
    } finally {
      this.listener = null;
    }
    return summary;
  }

  private async run(untilIdle: boolean): Promise<void> {
    const { store, clock, logger, concurrency } = this.deps;
    this.stopController = new AbortController();
    // Every message held by a paused channel waits on this signal.
    setMaxListeners(concurrency + 10, this.stopController.signal);
    const recovered = store.recoverInterruptedDeliveries(clock.now(), this.kinds);
    logger.info({ concurrency, recovered, untilIdle }, 'delivery worker started');

    try {
      while (!this.stopController.signal.aborted) {
        this.claim();
        if (untilIdle && this.inFlight.size === 0 && store.nextDueAt(this.kinds) === null) break;
        await this.waitForWork();
      }
      await Promise.all(this.inFlight);
    } catch (error) {
      logger.error({ err: error }, 'delivery worker stopped by an error');
      await Promise.allSettled(this.inFlight);
      throw error;
    } finally {
      this.running = null;
      logger.info({ inFlight: this.inFlight.size }, 'delivery worker stopped');
    }
  }

  private claim(): void {
    const free = this.deps.concurrency - this.inFlight.size;
    if (free <= 0) return;

    for (const delivery of this.deps.store.claimDueDeliveries(this.deps.clock.now(), free, this.kinds)) {
      const task: Promise<void> = this.process(delivery)
        .catch((error: unknown) => {
          // The outcome could not be recorded; the delivery stays `sending` until the next start.
          this.deps.logger.error(
            { deliveryId: delivery.id, drawId: delivery.drawId, err: error },
            'delivery outcome not recorded',
          );
        })
        .finally(() => {
          this.inFlight.delete(task);
          this.wake();
        });
      this.inFlight.add(task);
    }
  }

  /** Waits until a message in flight finishes, new work is enqueued, or the next retry is due. */
  private async waitForWork(): Promise<void> {
    const signal = this.wakeController.signal;
    if (!signal.aborted) {
      const nextDue = this.deps.store.nextDueAt(this.kinds);
      if (this.inFlight.size >= this.deps.concurrency || nextDue === null) {
        await untilAborted(signal);
      } else {
        const delay = nextDue - this.deps.clock.now();
        if (delay > 0) await this.deps.clock.sleep(delay, signal);
        else await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (this.wakeController.signal.aborted) this.wakeController = new AbortController();
  }

  private async process(delivery: Delivery): Promise<void> {
    const context: OutcomeContext = { ...this.deps, emit: (event) => this.listener?.(event) };
    let platform: Platform | null = null;
    let sentAt = this.deps.clock.now();

    try {
      const envelope = this.envelopes.build(delivery);
      platform = envelope.exchange.platform;

      // A cancelled exchange sends nothing more, and its givers are not reported unreachable.
      if (envelope.exchange.status === 'cancelled') {
        this.deps.store.markDeliveryFailed(delivery.id, 'EXCHANGE_CANCELLED', null, this.deps.clock.now());
        this.deps.logger.info(
          { deliveryId: delivery.id, drawId: delivery.drawId, channel: delivery.channel },
          'delivery dropped: exchange cancelled',
        );
        return;
      }
      const channel = this.channelFor(delivery, envelope.to);

      // Stopping while the channel is paused hands the message back instead of sending it.
      if (!(await this.pauses.waitUntilOpen(delivery.channel, this.stopController.signal))) {
        const resumeAt = this.pauses.resumeAt(delivery.channel);
        this.deps.store.markDeliveryRetry(delivery.id, 'WORKER_STOPPED', resumeAt, this.deps.clock.now());
        return;
      }

      sentAt = this.deps.clock.now();
      const receipt = await channel.send(envelope);
      recordSent(context, delivery, receipt.providerMessageId);
    } catch (thrown) {
      const error = toDeliveryError(thrown);
      if (!(thrown instanceof DeliveryError)) {
        this.deps.logger.error(
          {
            deliveryId: delivery.id,
            drawId: delivery.drawId,
            channel: delivery.channel,
            err: toSantaError(thrown),
          },
          'channel threw an unexpected error',
        );
      }
      if (error.retryAfterMs !== undefined) this.pauses.pause(delivery.channel, error.retryAfterMs, sentAt);
      recordFailure(context, delivery, error, platform ?? this.platformOf(delivery));
    }
  }

  private channelFor(delivery: Delivery, to: Parameters<Channel['canReach']>[0]): Channel {
    const channel = this.deps.channels.get(delivery.channel);
    if (!channel) {
      throw new DeliveryError(
        'CHANNEL_NOT_CONFIGURED',
        `The ${delivery.channel} channel is not configured; set its environment variables.`,
        true,
      );
    }
    if (!channel.canReach(to)) {
      throw new DeliveryError(
        'NO_ADDRESS',
        `The person has no address for the ${delivery.channel} channel.`,
        true,
      );
    }
    return channel;
  }

  private platformOf(delivery: Delivery): Platform | null {
    const participant = this.deps.store.getParticipant(delivery.participantId);
    return participant ? (this.deps.store.getExchange(participant.exchangeId)?.platform ?? null) : null;
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
