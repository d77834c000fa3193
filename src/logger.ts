import pino, { type DestinationStream } from 'pino';

import type { Logger } from './bot/ports.js';

/**
 * Paths that must never reach a log line: contact details, tokens and message text. Pairings are never
 * passed to the logger in the first place.
 */
const REDACTED_PATHS = [
  'phone',
  'email',
  'to',
  'token',
  'text',
  '*.phone',
  '*.email',
  '*.to',
  '*.token',
  '*.text',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Creates the process logger: JSON lines on stderr by default, so that stdout stays free for command
 * output. Tests pass their own `destination`.
 */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      name: 'santa',
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** Creates a logger that discards everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
