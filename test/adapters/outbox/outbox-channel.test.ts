import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { fileStemOf } from '../../../src/adapters/outbox/file-names.js';
import { OutboxChannel } from '../../../src/adapters/outbox/outbox-channel.js';
import { silentLogger } from '../../../src/logger.js';
import { revealEnvelope } from '../../delivery/envelopes.js';

describe('OutboxChannel', () => {
  let dir: string;
  let channel: OutboxChannel;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'santa-outbox-'));
    channel = new OutboxChannel({ dir: join(dir, 'outbox'), logger: silentLogger() });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the message to a file named after the giver', async () => {
    const receipt = await channel.send(revealEnvelope({ name: 'Ann' }));

    expect(receipt.providerMessageId).toBe(join(dir, 'outbox', 'ann.txt'));
    expect(await readFile(join(dir, 'outbox', 'ann.txt'), 'utf8')).toMatchInlineSnapshot(`
      "Hi Ann,

      You are the Secret Santa for Bo in "Family 2026".
      Budget: £20
      Exchange date: 2026-12-24
      Bo's wishlist: books, warm socks

      Keep it secret!
      "
    `);
  });

  it('gives two givers with the same file name separate files', async () => {
    await channel.send(revealEnvelope({ name: 'Anne Marie' }, { giverName: 'Anne Marie' }, 1));
    await channel.send(revealEnvelope({ name: 'Anne-Marie' }, { giverName: 'Anne-Marie' }, 2));

    expect(await visibleFiles(join(dir, 'outbox'))).toEqual(['anne-marie-2.txt', 'anne-marie.txt']);
    expect(await readFile(join(dir, 'outbox', 'anne-marie.txt'), 'utf8')).toContain('Hi Anne Marie,');
    expect(await readFile(join(dir, 'outbox', 'anne-marie-2.txt'), 'utf8')).toContain('Hi Anne-Marie,');
  });

  it('rewrites the same file when a delivery is sent again', async () => {
    const first = await channel.send(revealEnvelope({ name: 'Ann' }, {}, 7));
    const again = await channel.send(revealEnvelope({ name: 'Ann' }, { wishlist: 'a scarf' }, 7));

    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(await visibleFiles(join(dir, 'outbox'))).toEqual(['ann.txt']);
    expect(await readFile(join(dir, 'outbox', 'ann.txt'), 'utf8')).toContain("Bo's wishlist: a scarf");
  });

  it('keeps concurrent writes for one name apart', async () => {
    await Promise.all(
      [1, 2, 3, 4].map((id) => channel.send(revealEnvelope({ name: 'Cy' }, { giverName: 'Cy' }, id))),
    );

    expect(await visibleFiles(join(dir, 'outbox'))).toEqual(['cy-2.txt', 'cy-3.txt', 'cy-4.txt', 'cy.txt']);
  });

  it('leaves no temporary files behind', async () => {
    await channel.send(revealEnvelope({ name: 'Ann' }));

    const all = await readdir(join(dir, 'outbox'), { recursive: true });
    expect(all.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails permanently when the folder cannot be created', async () => {
    const blocked = new OutboxChannel({ dir: join(dir, 'outbox', 'ann.txt', 'sub'), logger: silentLogger() });
    await channel.send(revealEnvelope({ name: 'Ann' }));

    await expect(blocked.send(revealEnvelope({ name: 'Bo' }))).rejects.toMatchObject({
      code: 'OUTBOX_WRITE_FAILED',
      permanent: true,
    });
  });
});

describe('fileStemOf', () => {
  it.each([
    ['Ann', 'ann'],
    ["  Anne-Marie  O'Neil ", 'anne-marie-o-neil'],
    ['Zoë', 'zoë'],
    ['../../etc/passwd', 'etc-passwd'],
    ['李雷', '李雷'],
    ['***', 'giver'],
    ['CON', 'con-giver'],
    ['a'.repeat(100), 'a'.repeat(60)],
  ])('%j gives %j', (name, stem) => {
    expect(fileStemOf(name)).toBe(stem);
  });
});

async function visibleFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
}
