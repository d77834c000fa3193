import { describe, expect, it } from 'vitest';

import { RecentKeys } from '../../../src/adapters/slack/recent-keys.js';
import type { Clock } from '../../../src/bot/ports.js';

function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('RecentKeys', () => {
  it('recognises a key seen within the time to live', () => {
    const keys = new RecentKeys(manualClock(), 60_000, 10);

    expect(keys.add('trigger-1')).toBe(true);
    expect(keys.add('trigger-1')).toBe(false);
    expect(keys.add('trigger-2')).toBe(true);
  });

  it('forgets a key after the time to live', () => {
    const clock = manualClock();
    const keys = new RecentKeys(clock, 60_000, 10);
    keys.add('trigger-1');

    clock.advance(60_000);

    expect(keys.add('trigger-1')).toBe(true);
  });

  it('forgets the oldest key when full', () => {
    const keys = new RecentKeys(manualClock(), 60_000, 2);
    keys.add('a');
    keys.add('b');
    keys.add('c');

    expect(keys.add('b')).toBe(false);
    expect(keys.add('c')).toBe(false);
    expect(keys.add('a')).toBe(true);
  });
});
