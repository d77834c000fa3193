import { serveStarted } from '../../bot/texts/cli.js';
import { createLogger } from '../../logger.js';
import type { CliContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/**
 * `santa serve`: starts what the environment configures (Slack, Discord, the HTTP receiver and the
 * delivery worker) and runs until SIGTERM or SIGINT, then stops it cleanly. The server code is loaded
 * only here, so that the other commands do not load the Slack and Discord libraries.
 */
export async function serveCommand(context: CliContext): Promise<ExitCode> {
  // Listen before starting, so that a signal during start-up also ends in a clean stop.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  // Signal listeners do not keep Node running; with no platform configured nothing else might.
  const keepAlive = setInterval(() => undefined, 2 ** 30);

  try {
    const { startServer } = await import('../../main.js');
    // A server's log is its only output, so it logs at LOG_LEVEL (default info), unlike one-shot commands.
    const logger =
      process.env.LOG_LEVEL === undefined ? createLogger(context.config.logLevel) : context.logger;
    const server = await startServer(context.config, logger);
    context.terminal.err(serveStarted());

    const signal = await stopRequested;
    logger.info({ signal }, 'stopping');
    await server.stop();
    return EXIT.ok;
  } finally {
    clearInterval(keepAlive);
  }
}
