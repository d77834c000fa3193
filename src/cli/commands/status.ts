import { summarizeDeliveries } from '../../bot/delivery/summary.js';
import type { Exchange } from '../../bot/model.js';
import type { Store } from '../../bot/ports.js';
import { exchangeHeading, giverStatusLine, statusTexts } from '../../bot/texts/cli.js';
import { withStore, type CliContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { findExchange } from '../lookup.js';

/**
 * `santa status [EXCHANGE]`: a table of every exchange, or for one exchange each giver's state (told
 * and by which channel, pending, unreachable). Recipients are never shown.
 */
export async function statusCommand(context: CliContext, ref: string | undefined): Promise<ExitCode> {
  return withStore(context, (store) => {
    if (ref === undefined) {
      printAllExchanges(context, store);
      return EXIT.ok;
    }
    printExchange(context, store, findExchange(store, ref));
    return EXIT.ok;
  });
}

/** Prints one exchange's givers, in join order. */
export function printExchange(context: CliContext, store: Store, exchange: Exchange): void {
  const { terminal } = context;
  const people = store.listParticipants(exchange.id);
  terminal.out(exchangeHeading(exchange, people.length));

  const draw = store.getLatestDraw(exchange.id);
  if (draw === null) {
    terminal.out(statusTexts.notDrawn());
    return;
  }

  const status = summarizeDeliveries(store, draw.id);
  const width = Math.max(...status.givers.map((giver) => giver.name.length), 0);
  for (const giver of status.givers) terminal.out(giverStatusLine(giver.name, width, giver));
  terminal.out(statusTexts.totals(status.told, status.pending, status.unreachable));
}

function printAllExchanges(context: CliContext, store: Store): void {
  const exchanges = store.listExchanges();
  if (exchanges.length === 0) {
    context.terminal.out(statusTexts.noExchanges());
    return;
  }

  const rows = exchanges.map((exchange) => {
    const draw = store.getLatestDraw(exchange.id);
    const status = draw === null ? null : summarizeDeliveries(store, draw.id);
    const count = (value: number | undefined): string => (value === undefined ? '-' : String(value));
    return [
      String(exchange.id),
      exchange.name,
      exchange.platform,
      exchange.status,
      String(store.listParticipants(exchange.id).length),
      count(status?.told),
      count(status?.pending),
      count(status?.unreachable),
    ];
  });
  for (const line of formatTable([[...statusTexts.tableHeader], ...rows])) context.terminal.out(line);
}

/** Pads columns to their widest cell; numbers (every column but name, platform and status) align right. */
function formatTable(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const textColumns = new Set([1, 2, 3]);
  return rows.map((row) =>
    row
      .map((cell, column) =>
        textColumns.has(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}
