import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(REPO, 'src/cli/index.ts');
const TSX = import.meta.resolve('tsx');

export interface SantaRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary working folder with its own database and outbox, and no provider configured. */
export interface Workspace {
  dir: string;
  db: string;
  outbox: string;
  env: Record<string, string>;
}

export function createWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'santa-cli-'));
  const db = join(dir, 'santa.db');
  const outbox = join(dir, 'outbox');
  // Only PATH is inherited: no Twilio, SMTP, Slack or Discord variable reaches the child.
  const env = { PATH: process.env.PATH ?? '', SANTA_DB: db, SANTA_OUTBOX_DIR: outbox };
  return { dir, db, outbox, env };
}

/**
 * Runs `santa` as a child process in the workspace folder (so that no stray `.env` is read) and
 * resolves with its exit status and output.
 */
export function runSanta(
  workspace: Workspace,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<SantaRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, ENTRY, ...args],
      { cwd: workspace.dir, env: { ...workspace.env, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error !== null) code = typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts `santa` without waiting for it to end, for long-running commands such as `serve`. */
export function startSanta(
  workspace: Workspace,
  args: string[],
  extraEnv: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd: workspace.dir,
    env: { ...workspace.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** One message in the outbox folder: the giver it greets and the recipient it names. */
export interface OutboxMessage {
  file: string;
  giver: string;
  recipient: string;
}

export function readOutbox(folder: string): OutboxMessage[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const giver = /^Hi (.+),$/m.exec(text)?.[1] ?? '';
      const recipients = [...text.matchAll(/You are the Secret Santa for (.+) in "/g)].map(
        (match) => match[1],
      );
      if (recipients.length !== 1) throw new Error(`${file} names ${recipients.length} recipients`);
      return { file, giver, recipient: recipients[0] ?? '' };
    });
}
