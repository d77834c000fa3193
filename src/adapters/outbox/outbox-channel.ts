import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DeliveryError } from '../../bot/errors.js';
import type { Channel, Envelope, Logger, SendReceipt } from '../../bot/ports.js';
import { messageText } from '../../bot/texts/reveal.js';
import { candidateFileNames, fileStemOf } from './file-names.js';
import { codeOf, makeFolder } from './make-folder.js';

/** The hidden folder that maps delivery ids to the file each one wrote. */
const INDEX_DIR = '.deliveries';

/**
 * Folder errors that will not fix themselves between attempts: no permission, a read-only file
 * system, a file where a folder should be, a parent that takes no folders (/proc). A full disk may.
 */
const PERMANENT_CODES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EEXIST',
  'ENOENT',
  'ENAMETOOLONG',
  'ELOOP',
]);

/**
 * The local outbox: writes each message to its own file in `dir`, named after the person it is for.
 * The file is `ann.txt`, or `ann-2.txt` when that name is taken, so two people never share a file.
 * Each file appears whole or not at all, because it is written to a temporary name and then linked
 * into place.
 * Sending the same delivery again rewrites its own file instead of adding one, so a retry after a
 * crash does not leave a duplicate, unless the crash fell between writing the file and its index entry.
 */
export class OutboxChannel implements Channel {
  readonly kind = 'file' as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: { dir: string; logger: Logger }) {}

  /** Returns true: the outbox reaches everyone, because an operator reads the files and passes them on. */
  canReach(): boolean {
    return true;
  }

  send(envelope: Envelope): Promise<SendReceipt> {
    // One write at a time, so that two messages for people with the same name cannot pick the same file.
    const result = this.queue.then(() => this.write(envelope));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async write(envelope: Envelope): Promise<SendReceipt> {
    const { dir } = this.options;
    const text = messageText(envelope.content);
    try {
      await makeFolder(join(dir, INDEX_DIR));
      // NOTE: ids are unique per database only, so two databases sharing one outbox folder could collide.
      const indexPath = join(dir, INDEX_DIR, `${envelope.exchange.id}-${envelope.deliveryId}`);

      const existing = await readIfExists(indexPath);
      if (existing !== null) {
        await writeAtomically(join(dir, existing), text);
        return { providerMessageId: join(dir, existing) };
      }

      const fileName = await writeUnderFreeName(dir, fileStemOf(envelope.to.name), text);
      await writeAtomically(indexPath, fileName);
      return { providerMessageId: join(dir, fileName) };
    } catch (error) {
      const code = codeOf(error);
      const permanent = code !== undefined && PERMANENT_CODES.has(code);
      this.options.logger.warn(
        { deliveryId: envelope.deliveryId, errorCode: code, permanent },
        'outbox file not written',
      );
      throw new DeliveryError(
        'OUTBOX_WRITE_FAILED',
        `Writing the message to the outbox folder ${dir} failed (${String(code)}). Check that SANTA_OUTBOX_DIR is a writable folder.`,
        permanent,
        undefined,
        { cause: error },
      );
    }
  }
}

/** Writes `text` to a temporary file, then links it to the first free candidate name; link never replaces a file. */
async function writeUnderFreeName(dir: string, stem: string, text: string): Promise<string> {
  const temporary = join(dir, `.${randomUUID()}.tmp`);
  await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
  try {
    for (const candidate of candidateFileNames(stem)) {
      try {
        await link(temporary, join(dir, candidate));
        return candidate;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      }
    }
  } finally {
    await unlink(temporary);
  }
  throw new Error('unreachable: candidateFileNames never ends');
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
  await rename(temporary, path);
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}
