import type { Store } from '../../bot/ports.js';
import { deliverNothing } from '../../bot/texts/cli.js';
import { cliChannels, withStore, type CliContext } from '../context.js';
import { countPending, deliverWithProgress, printDrawSummary } from '../delivery.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findExchange, requireDraw } from '../lookup.js';

/**
 * `santa deliver [EXCHANGE]`: sends every message still pending in the database, including those a
 * crash left in the middle of sending, then prints the summary of EXCHANGE, or of every drawn
 * exchange with something sent or pending. The worker cannot limit itself to one exchange, so
 * EXCHANGE only chooses the summary.
 */
export async function deliverCommand(context: CliContext, ref: string | undefined): Promise<ExitCode> {
  return withStore(context, async (store) => {
    const drawIds =
      ref === undefined ? drawnDrawIds(store) : [requireDraw(store, findExchange(store, ref)).id];
    const pendingBefore = countPending(store, drawnDrawIds(store));

    if (pendingBefore === 0) context.terminal.err(deliverNothing());
    await deliverWithProgress(context, store, cliChannels(context), pendingBefore);

    let code: ExitCode = EXIT.ok;
    for (const drawId of drawIds) {
      const drawCode = printDrawSummary(context, store, drawId);
      if (drawCode !== EXIT.ok) code = drawCode;
    }
    return code;
  });
}

/** Returns the latest draw id of every drawn exchange. */
function drawnDrawIds(store: Store): number[] {
  return store
    .listExchanges({ status: 'drawn' })
    .map((exchange) => store.getLatestDraw(exchange.id)?.id)
    .filter((id): id is number => id !== undefined);
}
