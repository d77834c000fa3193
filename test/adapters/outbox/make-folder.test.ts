import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { checkWritableFolder, makeFolder } from '../../../src/adapters/outbox/make-folder.js';
import { OutboxChannel } from '../../../src/adapters/outbox/outbox-channel.js';
import { silentLogger } from '../../../src/logger.js';
import { revealEnvelope } from '../../delivery/envelopes.js';

/** /proc answers ENOENT to mkdir under an existing folder, which sends Node 20's recursive mkdir into an endless loop. */
const HAS_PROC = existsSync('/proc/self');

describe('makeFolder', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'santa-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates missing parents and accepts an existing folder', async () => {
    const target = join(dir, 'a', 'b', 'c');

    await makeFolder(target);
    await makeFolder(target);

    expect(statSync(target).isDirectory()).toBe(true);
  });

  it.each([
    ['a path under a regular file', ['file.csv', 'out']],
    ['a regular file', ['file.csv']],
  ])('rejects %s with ENOTDIR', async (_label, parts) => {
    await writeFile(join(dir, 'file.csv'), 'name\n');

    await expect(makeFolder(join(dir, ...parts))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!HAS_PROC)('ends with ENOENT under /proc instead of looping', async () => {
    await expect(makeFolder('/proc/santa-outbox/.deliveries')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(!HAS_PROC)('lets the outbox fail for good under /proc', async () => {
    const channel = new OutboxChannel({ dir: '/proc/santa-outbox', logger: silentLogger() });

    await expect(channel.send(revealEnvelope({ name: 'Ann' }))).rejects.toMatchObject({
      code: 'OUTBOX_WRITE_FAILED',
      permanent: true,
    });
  });
});

describe('checkWritableFolder', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'santa-folder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the folder and leaves no probe file behind', async () => {
    await checkWritableFolder(join(dir, 'outbox'));

    expect(await readdir(join(dir, 'outbox'))).toEqual([]);
  });

  it('rejects a folder under a regular file', async () => {
    await writeFile(join(dir, 'file.csv'), 'name\n');

    await expect(checkWritableFolder(join(dir, 'file.csv', 'out'))).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });
});
