import type { Exchange } from '../../bot/model.js';
import type { Store } from '../../bot/ports.js';
import { deliverNothing } from '../../bot/texts/cli.js';
import { cliChannels, withStore, type CliContext } from '../context.js';
import { countPending, deliverWithProgress, printDrawSummary } from '../delivery.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findExchange, requireDraw } from '../lookup.js';
import { requireWritableOutbox } from '../outbox-check.js';

/**
 * `santa deliver [EXCHANGE]`: sends every message still pending in the database, including those a
 * crash left in the middle of sending, then prints the summary of EXCHANGE, or of every drawn
 * exchange with something sent or pending. The worker cannot limit itself to one exchange, so
 * EXCHANGE only chooses the summary.
 */
export async function deliverCommand(context: CliContext, ref: string | undefined): Promise<ExitCode> {
  return withStore(context, async (store) => {
    const named = ref === undefined ? null : findExchange(store, ref);
    const shown =
      named === null ? drawnExchanges(store) : [{ exchange: named, drawId: requireDraw(store, named).id }];
    const pendingBefore = countPending(
      store,
      drawnExchanges(store).map(({ drawId }) => drawId),
    );

    if (pendingBefore === 0) context.terminal.err(deliverNothing());
    else await requireWritableOutbox(context);
    await deliverWithProgress(context, store, cliChannels(context), pendingBefore);

    let code: ExitCode = EXIT.ok;
    for (const { exchange, drawId } of shown) {
      const drawCode = printDrawSummary(context, store, drawId, { exchange });
      if (drawCode !== EXIT.ok) code = drawCode;
    }
    return code;
  });
}

/** Returns every drawn exchange with its latest draw id. */
function drawnExchanges(store: Store): { exchange: Exchange; drawId: number }[] {
  return store.listExchanges({ status: 'drawn' }).flatMap((exchange) => {
    const draw = store.getLatestDraw(exchange.id);
    return draw === null ? [] : [{ exchange, drawId: draw.id }];
  });
}
