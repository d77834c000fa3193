import { describe, expect, it } from 'vitest';

import { BACKOFF_CAP_MS, retryDelayMs } from '../../src/bot/delivery/backoff.js';
import type { RandomSource } from '../../src/bot/ports.js';

/** Always picks the largest value allowed, so the ceiling of each jitter range shows. */
const highest: RandomSource = { nextInt: (bound) => bound - 1 };
const lowest: RandomSource = { nextInt: () => 0 };

describe('retryDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [8, 128_000],
    [9, 256_000],
    [10, BACKOFF_CAP_MS],
    [50, BACKOFF_CAP_MS],
  ])('after %i failed attempts waits at most %i ms', (failedAttempts, ceiling) => {
    expect(retryDelayMs(failedAttempts, highest)).toBe(ceiling);
  });

  it('may retry at once without Retry-After', () => {
    expect(retryDelayMs(3, lowest)).toBe(0);
  });

  it('waits at least Retry-After', () => {
    expect(retryDelayMs(1, lowest, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, highest, 500)).toBe(1_000);
  });

  it('honours a Retry-After above the cap', () => {
    expect(retryDelayMs(20, highest, 600_000)).toBe(600_000);
  });
});
