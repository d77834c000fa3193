import { setTimeout as delay } from 'node:timers/promises';

import type { Clock } from './bot/ports.js';

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  },
};
