import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseParticipantsCsv } from '../../src/adapters/csv/index.js';
import { createChannels } from '../../src/adapters/channels.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { runDraw } from '../../src/bot/draw/run-draw.js';
import { createCliExchange } from '../../src/cli/create-exchange.js';
import { loadConfig } from '../../src/config.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';
import { createWorkspace, readOutbox, REPO, runSanta, type Workspace } from './run-santa.js';

const FAMILY = join(REPO, 'examples/family.csv');

/** Stores a drawn exchange whose reveals were never sent, as a crash right after the draw leaves it. */
function drawWithoutDelivering(workspace: Workspace, inFlight: number): void {
  const imported = parseParticipantsCsv(readFileSync(FAMILY, 'utf8'));
  if (!imported.ok) throw new Error('examples/family.csv does not import');

  const logger = silentLogger();
  const config = loadConfig(workspace.env, join(workspace.dir, '.env'));
  const store = openStore(workspace.db, { logger });
  try {
    const clock = { now: () => Date.now(), sleep: () => Promise.resolve() };
    const rules = { noReciprocal: false, singleLoop: false, avoidPast: 0 };
    const exchange = createCliExchange(
      store,
      { name: 'family', budget: null, exchangeDate: null, rules },
      imported.people,
      clock.now(),
    );
    const deps = {
      store,
      channels: createChannels(config, { logger }),
      clock,
      random: seededRandom(7),
      logger,
    };
    const report = runDraw(deps, exchange.id, { notify: 'first-reachable' });
    if (!report.ok) throw new Error(report.explanation);

    // Deliveries a worker had claimed when the process died stay in `sending`.
    store.claimDueDeliveries(clock.now(), inFlight);
  } finally {
    store.close();
  }
}

describe('santa deliver', () => {
  it('finishes deliveries left by a crash', async () => {
    const workspace = createWorkspace();
    drawWithoutDelivering(workspace, 3);

    const before = await runSanta(workspace, ['status', 'family']);
    const deliver = await runSanta(workspace, ['deliver']);

    expect(before.stdout).toContain('Told 0, pending 8, unreachable 0.\n');
    expect(deliver.code).toBe(0);
    expect(deliver.stderr).toContain('Sending 8 messages…\n');
    expect(deliver.stdout).toContain('Told 8 of 8 givers: 8 by outbox file.\n');
    expect(readOutbox(workspace.outbox)).toHaveLength(8);
  });
});

describe('santa draw with an unwritable outbox', () => {
  it('exits 1 naming the folder, stores nothing, and draws once the folder is fixed', async () => {
    const workspace = createWorkspace();
    const blocker = join(workspace.dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const outbox = join(blocker, 'outbox');

    const draw = await runSanta(workspace, ['draw', FAMILY], { SANTA_OUTBOX_DIR: outbox });
    const status = await runSanta(workspace, ['status']);

    expect(draw.code).toBe(1);
    expect(draw.stdout).toBe('');
    expect(draw.stderr).toBe(
      `SANTA_OUTBOX_DIR ${outbox} is not a writable folder (ENOTDIR). Choose another folder with SANTA_OUTBOX_DIR, or fix its permissions. Nothing was stored or sent.\n`,
    );
    expect(status.stdout).toBe('No exchanges yet. Start one with: santa draw FILE.csv\n');

    const retry = await runSanta(workspace, ['draw', FAMILY]);

    expect(retry.code).toBe(0);
    expect(readOutbox(workspace.outbox)).toHaveLength(8);
  });

  it.skipIf(!existsSync('/proc/self'))('stops at once for a folder under /proc', async () => {
    const workspace = createWorkspace();

    const draw = await runSanta(workspace, ['draw', FAMILY], { SANTA_OUTBOX_DIR: '/proc/santa-outbox' });

    expect(draw.code).toBe(1);
    expect(draw.stderr).toBe(
      'SANTA_OUTBOX_DIR /proc/santa-outbox is not a writable folder (ENOENT). Choose another folder with SANTA_OUTBOX_DIR, or fix its permissions. Nothing was stored or sent.\n',
    );
    expect(existsSync(workspace.db)).toBe(false);
  });
});

describe('santa error output', () => {
  it('prints the stack only with LOG_LEVEL=debug', async () => {
    const workspace = createWorkspace();

    const plain = await runSanta(workspace, ['status', 'nothing-here']);
    const debug = await runSanta(workspace, ['status', 'nothing-here'], { LOG_LEVEL: 'debug' });

    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('No exchange "nothing-here". Run santa status to list the exchanges.\n');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('    at findExchange');
  });

  it('exits 78 for discord register without a token', async () => {
    const run = await runSanta(createWorkspace(), ['discord', 'register', '--guild', '123456789012345678']);

    expect(run.code).toBe(78);
    expect(run.stderr).toBe(
      'DISCORD_TOKEN is not set. Copy the bot token from the Developer Portal (Bot, Reset Token) into DISCORD_TOKEN.\n',
    );
  });
});
