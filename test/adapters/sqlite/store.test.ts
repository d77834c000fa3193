import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../../src/adapters/sqlite/index.js';
import type { Store } from '../../../src/bot/ports.js';
import { silentLogger } from '../../../src/logger.js';
import { describeStoreContract } from '../../contracts/store-contract.js';

const T0 = 1_700_000_000_000;

const tempDirs: string[] = [];

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'santa-store-'));
  tempDirs.push(dir);
  return join(dir, 'santa.db');
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite in memory', () => openStore(':memory:', { logger: silentLogger() }));
describeStoreContract('SQLite file', () => openStore(tempDbPath(), { logger: silentLogger() }));

describe('SQLite store, two connections to one file', () => {
  let path: string;
  let first: Store;
  let second: Store;

  beforeEach(() => {
    path = tempDbPath();
    first = openStore(path, { logger: silentLogger() });
    second = openStore(path, { logger: silentLogger() });
  });

  afterEach(() => {
    first.close();
    second.close();
  });

  function openExchangeOfTwo(): { exchangeId: number; ann: number; bo: number } {
    const exchange = first.createExchange(
      {
        name: 'Family',
        platform: 'cli',
        groupKey: 'cli:family',
        channelId: null,
        organiserId: 'cli',
        budget: null,
        exchangeDate: null,
        rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
      },
      T0,
    );
    const person = (name: string) =>
      first.addParticipant(
        {
          exchangeId: exchange.id,
          platformUserId: null,
          displayName: name,
          nameKey: name.toLowerCase(),
          phone: null,
          email: null,
          household: null,
          wishlist: null,
          channels: null,
        },
        T0,
      ).id;
    return { exchangeId: exchange.id, ann: person('Ann'), bo: person('Bo') };
  }

  /** Draws Ann -> Bo -> Ann through `store`, with a file reveal for each of `revealTo`. */
  function drawOfTwo(
    store: Store,
    exchangeId: number,
    ann: number,
    bo: number,
    revealTo: number[],
    now: number,
  ) {
    return store.recordDraw(
      {
        exchangeId,
        method: 'uniform',
        relaxedHistory: [],
        assignments: [
          { giverId: ann, recipientId: bo },
          { giverId: bo, recipientId: ann },
        ],
        deliveries: revealTo.map((participantId) => ({
          participantId,
          purpose: 'reveal',
          channel: 'file',
          fallback: [],
        })),
      },
      now,
    );
  }

  it('concurrent recordDraw stores one draw', () => {
    const { exchangeId, ann, bo } = openExchangeOfTwo();

    const won = drawOfTwo(second, exchangeId, ann, bo, [ann], T0 + 10);
    const lost = drawOfTwo(first, exchangeId, bo, ann, [bo], T0 + 11);

    expect(won?.exchangeId).toBe(exchangeId);
    expect(lost).toBeNull();
    expect(first.getLatestDraw(exchangeId)).toEqual(won);
    expect(first.listAssignments(won!.id).map((a) => [a.giverId, a.recipientId])).toEqual([
      [ann, bo],
      [bo, ann],
    ]);
    expect(first.listDeliveries(won!.id).map((d) => d.participantId)).toEqual([ann]);
  });

  it('a delivery is claimed by one connection only', () => {
    const { exchangeId, ann, bo } = openExchangeOfTwo();
    drawOfTwo(first, exchangeId, ann, bo, [ann, bo], T0 + 10);

    const claimedFirst = first.claimDueDeliveries(T0 + 10, 1);
    const claimedSecond = second.claimDueDeliveries(T0 + 10, 5);

    expect(claimedFirst.map((d) => d.participantId)).toEqual([ann]);
    expect(claimedSecond.map((d) => d.participantId)).toEqual([bo]);
    expect(first.claimDueDeliveries(T0 + 10, 5)).toEqual([]);
  });

  it('data survives closing and reopening', () => {
    const { exchangeId } = openExchangeOfTwo();
    first.close();
    second.close();

    first = openStore(path, { logger: silentLogger() });
    second = openStore(path, { logger: silentLogger() });

    expect(first.listParticipants(exchangeId).map((p) => p.displayName)).toEqual(['Ann', 'Bo']);
  });

  it('journal mode is WAL for a file', () => {
    const reader = new Database(path, { readonly: true });
    try {
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reader.close();
    }
  });
});
