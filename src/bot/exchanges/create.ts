import type { CommandContext, Reply } from '../commands/types.js';
import {
  validateBudget,
  validateDate,
  validateExchangeName,
  validateAvoidPast,
} from '../commands/validate.js';
import { UserError } from '../errors.js';
import { DEFAULT_RULES, type Exchange, type ExchangeRules } from '../model.js';
import { exchangeCreated, problems } from '../texts/commands.js';
import { publicly, type SantaDeps } from './shared.js';

/** What the create command and the Slack and Discord create modals set. */
export interface CreateOptions {
  exchangeName?: string;
  budget?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  rules?: Partial<ExchangeRules>;
}

/** The name of an exchange created without one, for example from Discord with no options. */
export const DEFAULT_EXCHANGE_NAME = 'Secret Santa';

/**
 * Starts an exchange in the caller's channel, with the caller as organiser, and announces it. One
 * exchange at a time may be open or drawn per channel; a second create throws EXCHANGE_EXISTS.
 * Values are validated again here because modals do not pass through the text parser.
 */
export function createExchange(deps: SantaDeps, ctx: CommandContext, options: CreateOptions): Reply[] {
  const name = validateExchangeName(options.exchangeName ?? DEFAULT_EXCHANGE_NAME);
  const budget =
    options.budget === undefined || options.budget.trim() === '' ? null : validateBudget(options.budget);
  const date = options.date === undefined || options.date.trim() === '' ? null : validateDate(options.date);
  const rules: ExchangeRules = { ...DEFAULT_RULES, ...options.rules };
  rules.avoidPast = validateAvoidPast(String(rules.avoidPast));

  const exchange = deps.store.transaction((): Exchange => {
    const active = deps.store.findActiveExchange(ctx.platform, ctx.groupKey, ctx.channelId);
    if (active !== null)
      throw new UserError('EXCHANGE_EXISTS', problems.exchangeExists(active.name), active.id);
    return deps.store.createExchange(
      {
        name,
        platform: ctx.platform,
        groupKey: ctx.groupKey,
        channelId: ctx.channelId,
        organiserId: ctx.userId,
        budget,
        exchangeDate: date,
        rules,
      },
      deps.clock.now(),
    );
  });

  deps.logger.info(
    { exchangeId: exchange.id, platform: ctx.platform, channelId: ctx.channelId },
    'exchange created',
  );
  return [publicly(exchangeCreated(ctx.format, exchange))];
}
