import { randomUUID } from 'node:crypto';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Creates `dir` and its missing parents. Unlike `mkdir(dir, { recursive: true })`, which on Node 20
 * loops for ever when the kernel answers ENOENT for a parent that exists (as /proc does), each folder
 * is tried at most twice, so every path ends in success or an error with the system code.
 */
export async function makeFolder(dir: string): Promise<void> {
  const path = resolve(dir);
  try {
    await mkdir(path);
    return;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return requireFolder(path, error);
    const parent = dirname(path);
    if (codeOf(error) !== 'ENOENT' || parent === path) throw error;
  }

  await makeFolder(dirname(path));
  try {
    await mkdir(path);
  } catch (error) {
    // ENOENT again means the parent exists but takes no new folders; that is final.
    if (codeOf(error) === 'EEXIST') return requireFolder(path, error);
    throw error;
  }
}

/**
 * Proves that files can be written in `dir`: creates it, writes a probe file and removes it again.
 * Throws the file system's error (with its `code`, such as ENOTDIR or EACCES) when it cannot.
 */
export async function checkWritableFolder(dir: string): Promise<void> {
  await makeFolder(dir);
  const probe = join(dir, `.santa-probe-${randomUUID()}`);
  await writeFile(probe, '', { flag: 'wx', mode: 0o600 });
  await unlink(probe);
}

/** Returns the system error code of a file system error, such as ENOENT. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function requireFolder(path: string, existsError: unknown): Promise<void> {
  if ((await stat(path)).isDirectory()) return;
  throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`, { cause: existsError }), {
    code: 'ENOTDIR',
    path,
  });
}
