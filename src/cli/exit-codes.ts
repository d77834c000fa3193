import { UserError } from '../bot/errors.js';

/**
 * Exit statuses of `santa`, so that scripts can tell the outcomes apart. 64, 70 and 78 follow the BSD
 * sysexits.h convention (usage, internal software error, configuration).
 */
export const EXIT = {
  ok: 0,
  /** The participant file, an argument naming an exchange or person, or a file to write is wrong. */
  badInput: 1,
  /** The draw is impossible with these people, exclusions and rules. */
  impossibleDraw: 2,
  /** The draw is stored but some givers could not be told. */
  unreachable: 3,
  usage: 64,
  internal: 70,
  config: 78,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An option value or argument that the command line cannot use; exits with EXIT.usage. */
export class UsageError extends UserError {
  override name = 'UsageError';

  constructor(message: string, value?: unknown) {
    super('USAGE', message, value);
  }
}
