import { basename } from 'node:path';

import { planRevealDeliveries } from '../../bot/delivery/plan.js';
import { UserError } from '../../bot/errors.js';
import { lookupProblems, resendFailed, resendQueued, resendTold } from '../../bot/texts/cli.js';
import { cliChannels, withStore, type CliContext } from '../context.js';
import { countPending, deliverWithProgress } from '../delivery.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findExchange, findPerson, requireDraw } from '../lookup.js';
import { requireWritableOutbox } from '../outbox-check.js';

/**
 * `santa resend EXCHANGE PERSON`: queues a new reveal for one giver, on their first reachable channel
 * with the usual fallback (the details may have been fixed since), and delivers it. A reveal that is
 * still pending for the giver is delivered instead of adding another.
 */
export async function resendCommand(context: CliContext, ref: string, personName: string): Promise<ExitCode> {
  return withStore(context, async (store) => {
    const exchange = findExchange(store, ref);
    const giver = findPerson(store, exchange, personName);
    const draw = requireDraw(store, exchange);
    if (!store.listAssignments(draw.id).some((assignment) => assignment.giverId === giver.id)) {
      throw new UserError('NOT_A_GIVER', lookupProblems.notAGiver(giver.displayName), giver.id);
    }

    await requireWritableOutbox(context);
    const channels = cliChannels(context);
    const giverDeliveries = () =>
      store.listDeliveries(draw.id).filter((delivery) => delivery.participantId === giver.id);
    const finishedBefore = new Set(
      giverDeliveries()
        .filter((delivery) => delivery.status === 'sent' || delivery.status === 'failed')
        .map((delivery) => delivery.id),
    );

    const queued = store
      .listDeliveries(draw.id)
      .some(
        (delivery) =>
          delivery.participantId === giver.id &&
          delivery.purpose === 'reveal' &&
          delivery.status === 'pending',
      );
    if (!queued) {
      const plan = planRevealDeliveries([giver], exchange, channels, 'first-reachable');
      store.enqueueDeliveries(draw.id, plan.deliveries, context.clock.now());
      context.logger.info(
        { exchangeId: exchange.id, drawId: draw.id, participantId: giver.id },
        'reveal queued again',
      );
    }

    context.terminal.err(resendQueued(giver.displayName));
    await deliverWithProgress(context, store, channels, countPending(store, [draw.id]));

    const fresh = giverDeliveries().filter((delivery) => !finishedBefore.has(delivery.id));
    const sent = fresh.filter((delivery) => delivery.status === 'sent');
    const told = sent.map((delivery) => delivery.channel);
    // The outbox's receipt is the path of the file, named after the giver; only its name is shown.
    const outboxPath = sent.find((delivery) => delivery.channel === 'file')?.providerMessageId ?? null;
    const lastError =
      fresh
        .map((delivery) => delivery.lastErrorCode)
        .filter((code) => code !== null)
        .at(-1) ?? null;
    context.terminal.out(
      told.length > 0
        ? resendTold(giver.displayName, told, outboxPath === null ? null : basename(outboxPath))
        : resendFailed(giver.displayName, lastError),
    );
    return told.length > 0 ? EXIT.ok : EXIT.unreachable;
  });
}
