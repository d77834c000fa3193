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
 * then delivers the new reveals of the givers whose recipient changed. The output gives counts only,
 * never names of changed givers, because they hint at who drew the person who left. An impossible
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

    const changed = new Set(report.changedGivers.map((giver) => giver.id));
    context.terminal.out(
      withdrawStored(leaver.displayName, exchange.name, report.participants, changed.size),
    );
    const firstNew = Math.min(...newReveals(store, report.drawId, changed).map((delivery) => delivery.id));

    await deliverWithProgress(context, store, channels, countPending(store, [report.drawId]));

    // Only deliveries queued by this repair count, and the fallbacks they led to (which have higher
    // ids): a changed giver's older messages named their old recipient.
    const told = new Set(
      store
        .listDeliveries(report.drawId)
        .filter((delivery) => changed.has(delivery.participantId) && delivery.id >= firstNew)
        .filter((delivery) => delivery.purpose === 'reveal' && delivery.status === 'sent')
        .map((delivery) => delivery.participantId),
    );
    context.terminal.out(withdrawSummary(told.size, changed.size));
    return told.size === changed.size ? EXIT.ok : EXIT.unreachable;
  });
}

function newReveals(store: Store, drawId: number, givers: ReadonlySet<number>): Delivery[] {
  return store
    .listDeliveries(drawId)
    .filter(
      (delivery) =>
        givers.has(delivery.participantId) && delivery.purpose === 'reveal' && delivery.status === 'pending',
    );
}
