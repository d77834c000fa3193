import type { CommandContext, Reply } from '../commands/types.js';
import { runDraw } from '../draw/run-draw.js';
import { alreadyDrawn, drawAnnounced, drawUnreachable } from '../texts/commands.js';
import { privately, publicly, requireActiveExchange, requireOrganiser, type SantaDeps } from './shared.js';

/**
 * Draws the channel's exchange (organiser or server admin only), announces it publicly without any
 * pairing, and starts the delivery worker. A repeated or concurrent draw gets "already drawn" and
 * changes nothing; an impossible draw gets a private explanation that names the people involved.
 */
export function draw(deps: SantaDeps, ctx: CommandContext): Reply[] {
  const exchange = requireActiveExchange(deps, ctx);
  requireOrganiser(ctx, exchange, 'draw');
  if (exchange.status !== 'open') return [privately(alreadyDrawn(ctx.format, exchange.name))];

  const report = runDraw(deps, exchange.id, { notify: 'first-reachable', format: ctx.format });
  if (!report.ok) {
    if (report.code === 'ALREADY_DRAWN') return [privately(alreadyDrawn(ctx.format, exchange.name))];
    // The explanation is already formatted for this platform, with every name escaped.
    deps.logger.info({ exchangeId: exchange.id, code: report.code }, 'draw rejected');
    return [privately(report.explanation)];
  }

  deps.wakeDelivery();
  const replies = [publicly(drawAnnounced(ctx.format, exchange.name, report.participants))];
  if (report.unreachable.length > 0) {
    replies.push(
      privately(
        drawUnreachable(
          ctx.format,
          report.unreachable.map((person) => person.displayName),
        ),
      ),
    );
  }
  return replies;
}
