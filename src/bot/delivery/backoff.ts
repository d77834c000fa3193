import type { RandomSource } from '../ports.js';

/** The first retry waits up to this long. */
export const BACKOFF_BASE_MS = 1_000;
/** No retry waits longer than this, unless the provider asks for more with Retry-After. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A delivery that failed this many times with transient errors counts as failed for good. */
export const MAX_TRANSIENT_ATTEMPTS = 8;

/**
 * Returns how long to wait before attempt `failedAttempts + 1`: exponential backoff with full jitter
 * (a uniform delay between 0 and min(cap, base * 2^(failedAttempts - 1))), so that many deliveries
 * failing at once do not retry in lockstep. A provider's Retry-After is the minimum.
 */
export function retryDelayMs(failedAttempts: number, random: RandomSource, retryAfterMs?: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
  const jittered = random.nextInt(ceiling + 1);
  return Math.max(jittered, retryAfterMs ?? 0);
}
