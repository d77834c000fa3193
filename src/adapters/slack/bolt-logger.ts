import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../../bot/ports.js';

/**
 * Adapts our pino logger to the logger interface of Bolt and the Slack clients. Their debug output
 * contains whole request bodies (message text, so pairings), so it is dropped whatever level the
 * process runs at; info, warn and error pass through with any Error attached as `err`.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });

  const forward =
    (level: 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      const error = parts.find((part): part is Error => part instanceof Error);
      const message = parts
        .filter((part) => part !== error)
        .map((part) => (typeof part === 'string' ? part : safeJson(part)))
        .join(' ');
      if (error === undefined) child[level](message);
      else child[level]({ err: error }, message || error.message);
    };

  return {
    debug: () => {},
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
