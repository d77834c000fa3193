import { resolve } from 'node:path';

import type { DeliveryEvent, DeliverySummary } from '../bot/delivery/events.js';
import { summarizeDeliveries } from '../bot/delivery/summary.js';
import { DeliveryWorker } from '../bot/delivery/worker.js';
import type { ChannelKind, Exchange } from '../bot/model.js';
import type { Channel, Store } from '../bot/ports.js';
import {
  deliveringProgress,
  deliveringStart,
  deliveryNotice,
  deliverySummaryText,
} from '../bot/texts/cli.js';
import type { CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * Sends every pending message in the database and returns when none is left, showing progress on
 * stderr: a counter, and a line for each giver moved to another channel or left unreachable. Retries
 * wait on the clock, so a provider that keeps failing transiently keeps this waiting.
 *
 * The worker claims only deliveries on the channels the CLI has (SMS, email, file), so Slack and Discord
 * DMs queued by `santa serve` in the same database stay for the server.
 * NOTE: on start the worker also moves this process's channels' `sending` rows back to pending, which
 * would resend a message that a running `santa serve` has in flight. Run one delivering process per database.
 */
export async function deliverWithProgress(
  context: CliContext,
  store: Store,
  channels: ReadonlyMap<ChannelKind, Channel>,
  expected: number,
): Promise<DeliverySummary> {
  const { terminal } = context;
  if (expected > 0) terminal.err(deliveringStart(expected));

  const step = Math.max(1, Math.ceil(expected / 10));
  let sent = 0;
  const giverName = (event: DeliveryEvent): string =>
    store.getParticipant(event.participantId)?.displayName ?? `#${event.participantId}`;

  const onProgress = (event: DeliveryEvent): void => {
    if (event.type === 'sent') {
      sent += 1;
      if (terminal.interactive) terminal.status(deliveringProgress(sent, expected));
      else if (sent % step === 0 || sent === expected) terminal.err(deliveringProgress(sent, expected));
      return;
    }
    const notice =
      event.type === 'fallback'
        ? deliveryNotice.fallback(giverName(event), event.channel, event.errorCode, event.nextChannel)
        : event.type === 'failed'
          ? deliveryNotice.failed(giverName(event), event.channel, event.errorCode)
          : null;
    if (notice === null) return;
    if (terminal.interactive) terminal.status('');
    terminal.err(notice);
  };

  const worker = new DeliveryWorker({
    store,
    channels,
    clock: context.clock,
    random: context.random,
    logger: context.logger,
    concurrency: context.config.deliveryConcurrency,
  });
  const summary = await worker.drainUntilIdle({ onProgress });
  if (terminal.interactive && sent > 0) terminal.status(`${deliveringProgress(sent, expected)}\n`);
  return summary;
}

/** Counts the messages of these draws that are still to be sent. */
export function countPending(store: Store, drawIds: readonly number[]): number {
  return drawIds
    .flatMap((drawId) => store.listDeliveries(drawId))
    .filter((delivery) => delivery.status === 'pending' || delivery.status === 'sending').length;
}

/**
 * Prints who was told by which channel and who could not be reached, never who drew whom, and returns
 * EXIT.unreachable when a giver was not told. With `exchange`, the summary starts with its name, for
 * output that summarises several exchanges.
 */
export function printDrawSummary(
  context: CliContext,
  store: Store,
  drawId: number,
  options: { exchange?: Exchange } = {},
): ExitCode {
  const givers = summarizeDeliveries(store, drawId).givers;
  // A giver told twice on one channel (after santa resend) is one giver told on it.
  const byChannel: Partial<Record<ChannelKind, number>> = {};
  for (const giver of givers) {
    for (const channel of new Set(giver.channels)) byChannel[channel] = (byChannel[channel] ?? 0) + 1;
  }

  const names = (state: 'pending' | 'unreachable'): string[] =>
    givers.filter((giver) => giver.state === state).map((giver) => giver.name);
  const unreachable = names('unreachable');
  const pending = names('pending');
  context.terminal.out(
    deliverySummaryText({
      told: givers.filter((giver) => giver.state === 'told').length,
      givers: givers.length,
      byChannel,
      unreachable,
      pending,
      outboxDir: resolve(context.config.outboxDir),
      exchange: options.exchange,
      outboxFailed: givers.filter(
        (giver) => giver.state === 'unreachable' && giver.lastErrorCode === 'OUTBOX_WRITE_FAILED',
      ).length,
    }),
  );
  return unreachable.length > 0 || pending.length > 0 ? EXIT.unreachable : EXIT.ok;
}
