import { withdrawParticipant } from '../../bot/draw/repair-draw.js';
import { UserError } from '../../bot/errors.js';
import type { Delivery } from '../../bot/model.js';
import type { Store } from '../../bot/ports.js';
import {
  withdrawImpossible,
  withdrawProblems,
  withdrawStored,
  withdrawSummary,
} from '../../bot/texts/cli.js';
import { cliChannels, withStore, type CliContext } from '../context.js';
import { countPending, deliverWithProgress } from '../delivery.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findExchange, findPerson } from '../lookup.js';

/**
 * `santa withdraw EXCHANGE PERSON`: takes a person out of a drawn exchange by repairing the draw,
 * then tells every remaining giver their recipient again, changed or not, so that neither the outbox
 * nor the output shows who drew the person who left. The output gives counts only. An impossible
 * repair keeps the person in and exits with EXIT.impossibleDraw.
 */
export async function withdrawCommand(
  context: CliContext,
  ref: string,
  personName: string,
): Promise<ExitCode> {
  return withStore(context, async (store) => {
    const exchange = findExchange(store, ref);
    const leaver = findPerson(store, exchange, personName);
    if (leaver.leftAt !== null) {
      throw new UserError(
        'ALREADY_WITHDRAWN',
        withdrawProblems.alreadyWithdrawn(leaver.displayName, exchange.name),
        personName,
      );
    }
    const notDrawn = () =>
      new UserError(
        'NOT_DRAWN',
        withdrawProblems.notDrawn(leaver.displayName, exchange.name, exchange.status),
        exchange.id,
      );
    if (exchange.status !== 'drawn') throw notDrawn();

    const channels = cliChannels(context);
    const deps = { store, channels, clock: context.clock, random: context.random, logger: context.logger };
    const report = withdrawParticipant(deps, exchange, leaver, { notify: 'first-reachable' });
    if (!report.ok) {
      if (report.code === 'NOT_DRAWN') throw notDrawn();
      if (report.code === 'DRAW_CHANGED') {
        throw new UserError('DRAW_CHANGED', withdrawProblems.drawChanged(exchange.name), exchange.id);
      }
      context.terminal.err(withdrawImpossible(leaver.displayName, report.explanation));
      return EXIT.impossibleDraw;
    }

    context.terminal.out(withdrawStored(leaver.displayName, exchange.name, report.participants));
    const fresh = freshReveals(store, report.drawId);

    await deliverWithProgress(context, store, channels, countPending(store, [report.drawId]));

    // A giver counts as told by a reveal pending after the repair, or by a fallback it led to (a
    // higher id). A reveal that was already being sent may have named an old recipient.
    const givers = new Set(report.givers.map((giver) => giver.id));
    const told = new Set(
      store
        .listDeliveries(report.drawId)
        .filter((delivery) => fresh.ids.has(delivery.id) || delivery.id > fresh.lastId)
        .filter((delivery) => delivery.purpose === 'reveal' && delivery.status === 'sent')
        .map((delivery) => delivery.participantId)
        .filter((giverId) => givers.has(giverId)),
    );
    context.terminal.out(withdrawSummary(told.size, givers.size));
    return told.size === givers.size ? EXIT.ok : EXIT.unreachable;
  });
}

/** Returns the reveals of the repaired draw still to be sent, and the highest delivery id it has so far. */
function freshReveals(store: Store, drawId: number): { ids: Set<number>; lastId: number } {
  const deliveries: Delivery[] = store.listDeliveries(drawId);
  const pending = deliveries.filter(
    (delivery) => delivery.purpose === 'reveal' && delivery.status === 'pending',
  );
  return {
    ids: new Set(pending.map((delivery) => delivery.id)),
    lastId: Math.max(0, ...deliveries.map((delivery) => delivery.id)),
  };
}
