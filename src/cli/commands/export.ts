import { writeFile } from 'node:fs/promises';

import { UserError } from '../../bot/errors.js';
import { exportWritten, lookupProblems, usageProblems } from '../../bot/texts/cli.js';
import { withStore, type CliContext } from '../context.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { findExchange, requireDraw } from '../lookup.js';

export interface ExportFlags {
  reveal?: string;
  force?: boolean;
}

/**
 * `santa export EXCHANGE --reveal FILE`: writes the pairings of the latest draw as CSV with the
 * columns giver and recipient, names only and never contact details. Only on the explicit --reveal,
 * because the file spoils the surprise. The file is created readable by its owner only, and an
 * existing file is kept unless --force.
 */
export async function exportCommand(context: CliContext, ref: string, flags: ExportFlags): Promise<ExitCode> {
  const path = flags.reveal;
  if (path === undefined || path.trim() === '') throw new UsageError(usageProblems.revealRequired());

  return withStore(context, async (store) => {
    const exchange = findExchange(store, ref);
    const draw = requireDraw(store, exchange);
    const nameOf = (id: number): string => store.getParticipant(id)?.displayName ?? `#${id}`;
    const rows = store
      .listAssignments(draw.id)
      .map((pair) => [nameOf(pair.giverId), nameOf(pair.recipientId)]);
    const text = [['giver', 'recipient'], ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

    try {
      await writeFile(path, text, { flag: flags.force === true ? 'w' : 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      if (code === 'EEXIST')
        throw new UserError('EXPORT_FILE_EXISTS', lookupProblems.exportExists(path), path);
      throw new UserError('EXPORT_UNWRITABLE', lookupProblems.exportUnwritable(path, code), path, {
        cause: error,
      });
    }

    context.logger.info({ exchangeId: exchange.id, drawId: draw.id }, 'pairings exported on request');
    context.terminal.out(exportWritten(path, exchange.name, rows.length));
    return EXIT.ok;
  });
}

/**
 * Quotes a cell when it contains a delimiter, quote or line break. A name starting with =, +, -, @ or
 * a tab gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it as a
 * formula (the OWASP advice on CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}
