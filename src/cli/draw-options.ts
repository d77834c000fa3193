import { basename, extname } from 'node:path';

import type { NotifyMode } from '../bot/delivery/plan.js';
import type { ExchangeRules } from '../bot/model.js';
import { cleanDisplayName } from '../bot/names.js';
import { usageProblems } from '../bot/texts/cli.js';
import { UsageError } from './exit-codes.js';

/** The options of `santa draw` as commander hands them over; `reciprocal` is false with --no-reciprocal. */
export interface DrawFlags {
  name?: string;
  budget?: string;
  date?: string;
  reciprocal: boolean;
  singleLoop?: boolean;
  avoidPast?: string;
  notify?: string;
  dryRun?: boolean;
  again?: boolean;
}

export interface DrawSettings {
  name: string;
  budget: string | null;
  exchangeDate: string | null;
  rules: ExchangeRules;
  notify: NotifyMode;
  dryRun: boolean;
  /** Closes the previous draw of the same name, which is still `drawn`, and starts a new round. */
  again: boolean;
}

const MAX_NAME_LENGTH = 100;
const MAX_BUDGET_LENGTH = 100;
/** More past draws than anyone keeps a family tradition for; the engine relaxes old years anyway. */
const MAX_AVOID_PAST = 50;

/** Checks and converts the options of `santa draw`. Throws UsageError naming the value at fault. */
export function parseDrawFlags(file: string, flags: DrawFlags): DrawSettings {
  const name = cleanDisplayName(flags.name ?? basename(file, extname(file)));
  if (name === '' || name.length > MAX_NAME_LENGTH)
    throw new UsageError(usageProblems.name(MAX_NAME_LENGTH), flags.name);

  const budget = flags.budget === undefined ? null : cleanDisplayName(flags.budget);
  if (budget !== null && budget.length > MAX_BUDGET_LENGTH) {
    throw new UsageError(usageProblems.budget(MAX_BUDGET_LENGTH), flags.budget);
  }

  return {
    name,
    budget: budget === '' ? null : budget,
    exchangeDate: flags.date === undefined ? null : parseDate(flags.date),
    rules: {
      noReciprocal: !flags.reciprocal,
      singleLoop: flags.singleLoop === true,
      avoidPast: flags.avoidPast === undefined ? 0 : parseAvoidPast(flags.avoidPast),
    },
    notify: parseNotify(flags.notify),
    dryRun: flags.dryRun === true,
    again: flags.again === true,
  };
}

/** Accepts a real calendar date as YYYY-MM-DD (2026-02-30 is rejected). */
function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return value.trim();
    }
  }
  throw new UsageError(usageProblems.date(value), value);
}

function parseAvoidPast(value: string): number {
  const count = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(count) || count > MAX_AVOID_PAST) {
    throw new UsageError(usageProblems.avoidPast(value, MAX_AVOID_PAST), value);
  }
  return count;
}

function parseNotify(value: string | undefined): NotifyMode {
  if (value === undefined) return 'first-reachable';
  if (value.trim().toLowerCase() === 'all') return 'all';
  throw new UsageError(usageProblems.notifyMode(value), value);
}
