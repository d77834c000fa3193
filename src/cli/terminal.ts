/**
 * Output of the CLI: results on stdout, so that they can be piped, and progress and problems on
 * stderr. Injected so that commands can be run in-process with captured output.
 */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal, where progress may rewrite its line. */
  readonly interactive: boolean;
  /** Rewrites the current stderr line; only used when `interactive`. */
  status(text: string): void;
}

export const processTerminal: Terminal = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive: process.stderr.isTTY === true,
  status: (text) => process.stderr.write(`\r\x1b[2K${text}`),
};
