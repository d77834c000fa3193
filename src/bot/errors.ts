/**
 * Errors thrown by the bot layer and the adapters. Each carries a stable `code` that callers and tests
 * match on, and the offending value where there is one. The engine never throws these: it returns results.
 */
export class SantaError extends Error {
  override name = 'SantaError';

  constructor(
    readonly code: string,
    message: string,
    readonly value?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request that a person made and that cannot be carried out as asked (bad argument, wrong state, no right). */
export class UserError extends SantaError {
  override name = 'UserError';
}

/** A configuration value that is missing or invalid. */
export class ConfigError extends SantaError {
  override name = 'ConfigError';
}

/** A storage failure, or a constraint the store enforces (a duplicate participant, a database too new). */
export class StoreError extends SantaError {
  override name = 'StoreError';
}

/**
 * A channel could not deliver a message. `permanent` errors (DMs closed, unknown user, invalid or
 * opted-out number, SMTP 5xx) move the giver to their next channel; others are retried, after
 * `retryAfterMs` when the provider said how long to wait.
 */
export class DeliveryError extends SantaError {
  override name = 'DeliveryError';

  constructor(
    code: string,
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, undefined, options);
  }
}

/** Wraps anything thrown that is not a SantaError, so that logs and replies handle one shape. */
export function toSantaError(error: unknown): SantaError {
  if (error instanceof SantaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SantaError('UNEXPECTED', message, undefined, { cause: error });
}
