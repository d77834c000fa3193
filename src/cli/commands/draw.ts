import { existsSync } from 'node:fs';

import { readParticipantsFile, type CsvProblem, type ImportedPerson } from '../../adapters/csv/index.js';
import { openStore } from '../../adapters/sqlite/index.js';
import { runDraw, type DrawReport } from '../../bot/draw/run-draw.js';
import { UserError } from '../../bot/errors.js';
import type { ChannelKind, Exchange } from '../../bot/model.js';
import type { Channel, Store } from '../../bot/ports.js';
import {
  csvRejected,
  drawImpossible,
  drawRepeated,
  drawStored,
  dryRunPassed,
  moreProblems,
  previousDrawClosed,
} from '../../bot/texts/cli.js';
import { unconfiguredChannelWarnings } from '../channel-warnings.js';
import { cliChannels, withStore, type CliContext } from '../context.js';
import { createCliExchange } from '../create-exchange.js';
import { countPending, deliverWithProgress, printDrawSummary } from '../delivery.js';
import { parseDrawFlags, type DrawFlags, type DrawSettings } from '../draw-options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { requireWritableOutbox } from '../outbox-check.js';
import { drawnOn, findOpenDraw } from '../previous-draw.js';

/** A long list of problems is cut here; the organiser fixes these first and runs again. */
const MAX_PROBLEMS_SHOWN = 50;

/**
 * `santa draw FILE.csv`: imports the file, stores a new CLI exchange with its people and exclusions,
 * draws it and tells every giver. A rejected file, an unwritable outbox folder, a name whose last draw
 * is still open (without --again) or an impossible draw stores nothing. With --dry-run the whole draw
 * runs inside a transaction that is rolled back, so nothing is stored or sent.
 */
export async function drawCommand(context: CliContext, file: string, flags: DrawFlags): Promise<ExitCode> {
  const settings = parseDrawFlags(file, flags);

  const imported = await readParticipantsFile(file, { defaultCountry: context.config.defaultCountry });
  if (!imported.ok) {
    printProblems(context, file, imported.problems);
    return EXIT.badInput;
  }

  if (settings.dryRun) return dryRun(context, settings, imported.people);
  await requireWritableOutbox(context);

  return withStore(context, async (store) => {
    const previous = findOpenDraw(store, settings.name);
    if (previous !== null && !settings.again) {
      const when = drawnOn(store, previous) ?? '?';
      throw new UserError('ALREADY_DRAWN', drawRepeated(previous.name, previous.id, when), previous.id);
    }

    const channels = cliChannels(context);
    const { exchangeId, report } = drawInTransaction(
      context,
      store,
      channels,
      settings,
      imported.people,
      previous,
    );
    if (!report.ok) {
      context.terminal.err(drawImpossible(report.explanation));
      return EXIT.impossibleDraw;
    }
    if (report.drawId === null) throw new Error('runDraw returned no draw id for a stored draw.');

    if (previous !== null) context.terminal.out(previousDrawClosed(previous.name, previous.id));
    context.terminal.out(drawStored(settings.name, exchangeId, report.participants, report.relaxedHistory));
    for (const warning of unconfiguredChannelWarnings(imported.people, channels))
      context.terminal.err(warning);
    await deliverWithProgress(context, store, channels, countPending(store, [report.drawId]));
    return printDrawSummary(context, store, report.drawId);
  });
}

/**
 * Checks the draw against the database of SANTA_DB, so that --avoid-past sees earlier draws, and
 * rolls everything back. Without a database file yet, an in-memory one is used and no file is created.
 */
async function dryRun(
  context: CliContext,
  settings: DrawSettings,
  people: readonly ImportedPerson[],
): Promise<ExitCode> {
  const path = context.config.databasePath;
  const store = openStore(path !== ':memory:' && existsSync(path) ? path : ':memory:', {
    logger: context.logger,
  });

  try {
    const channels = cliChannels(context);
    const previous = findOpenDraw(store, settings.name);
    const { report } = drawInTransaction(context, store, channels, settings, people, previous);
    if (!report.ok) {
      context.terminal.err(drawImpossible(report.explanation));
      return EXIT.impossibleDraw;
    }
    const unreachable = report.unreachable.map((person) => person.displayName);
    const needsAgain = previous !== null && !settings.again;
    context.terminal.out(dryRunPassed(settings.name, report.participants, unreachable, needsAgain));
    for (const warning of unconfiguredChannelWarnings(people, channels)) context.terminal.err(warning);
    return unreachable.length > 0 ? EXIT.unreachable : EXIT.ok;
  } finally {
    store.close();
  }
}

/** Carries a report out of a transaction that must be rolled back. */
class RollBack extends Error {
  constructor(
    readonly exchangeId: number,
    readonly report: DrawReport,
  ) {
    super('rolled back');
  }
}

/**
 * Closes the previous draw of the name when --again asks for it, stores the exchange and its people,
 * then draws, in one transaction. Closing first lets --avoid-past count the previous draw's pairings.
 * The transaction is rolled back when the draw is impossible or a dry run, so that nothing of a failed
 * or trial draw remains.
 */
function drawInTransaction(
  context: CliContext,
  store: Store,
  channels: ReadonlyMap<ChannelKind, Channel>,
  settings: DrawSettings,
  people: readonly ImportedPerson[],
  previous: Exchange | null,
): { exchangeId: number; report: DrawReport } {
  const deps = { store, channels, clock: context.clock, random: context.random, logger: context.logger };
  try {
    return store.transaction(() => {
      const now = context.clock.now();
      if (previous !== null && settings.again) store.transitionExchange(previous.id, 'drawn', 'closed', now);
      const exchange = createCliExchange(store, settings, people, now);
      const report = runDraw(deps, exchange.id, { notify: settings.notify, dryRun: settings.dryRun });
      if (!report.ok || settings.dryRun) throw new RollBack(exchange.id, report);
      return { exchangeId: exchange.id, report };
    });
  } catch (error) {
    if (error instanceof RollBack) return { exchangeId: error.exchangeId, report: error.report };
    throw error;
  }
}

function printProblems(context: CliContext, file: string, problems: readonly CsvProblem[]): void {
  context.terminal.err(csvRejected(file, problems.length));
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) context.terminal.err(`  ${problem.message}`);
  if (problems.length > MAX_PROBLEMS_SHOWN)
    context.terminal.err(`  ${moreProblems(problems.length - MAX_PROBLEMS_SHOWN)}`);
}
