import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createChannels } from '../../src/adapters/channels.js';
import { parseParticipantsCsv } from '../../src/adapters/csv/index.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { planRevealDeliveries } from '../../src/bot/delivery/plan.js';
import { buildDrawProblem } from '../../src/bot/draw/build-problem.js';
import type { Store } from '../../src/bot/ports.js';
import { createCliExchange } from '../../src/cli/create-exchange.js';
import { loadConfig } from '../../src/config.js';
import { verifyDraw } from '../../src/engine/index.js';
import { silentLogger } from '../../src/logger.js';
import { createWorkspace, readOutbox, REPO, runSanta, type Workspace } from './run-santa.js';

interface WithdrawCase {
  participants: string[];
  draw: Record<string, string>;
  withdraw: string;
  expect: { feasible: boolean; maxChangedGivers: number };
}

const CASE = JSON.parse(
  readFileSync(join(REPO, 'test/fixtures/draw-cases/withdraw-after-draw.json'), 'utf8'),
) as WithdrawCase;

function withStore<T>(workspace: Workspace, work: (store: Store) => T): T {
  const store = openStore(workspace.db, { logger: silentLogger() });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** Stores the case's exchange "family" with exactly the case's draw and a file reveal per giver. */
function storeCaseDraw(workspace: Workspace): void {
  const csv = ['name,email', ...CASE.participants.map((name) => `${name},${name.toLowerCase()}@example.org`)];
  const imported = parseParticipantsCsv(csv.join('\n'));
  if (!imported.ok) throw new Error('the case does not import');
  const logger = silentLogger();
  const channels = createChannels(loadConfig(workspace.env, join(workspace.dir, '.env')), { logger });

  withStore(workspace, (store) => {
    const rules = { noReciprocal: false, singleLoop: false, avoidPast: 0 };
    const input = { name: 'family', budget: null, exchangeDate: null, rules };
    const exchange = createCliExchange(store, input, imported.people, Date.now());
    const people = store.listParticipants(exchange.id);
    const idOf = (name: string) => people.find((person) => person.displayName === name)!.id;
    const plan = planRevealDeliveries(people, exchange, channels, 'first-reachable');
    const assignments = Object.entries(CASE.draw).map(([giver, recipient]) => ({
      giverId: idOf(giver),
      recipientId: idOf(recipient),
    }));
    const draw = { exchangeId: exchange.id, method: 'uniform' as const, relaxedHistory: [], assignments };
    store.recordDraw({ ...draw, deliveries: plan.deliveries }, Date.now());
  });
}

/** Returns the latest draw of "family" by name, and the verifier's findings on it. */
function latestDraw(workspace: Workspace): { pairs: Map<string, string>; violations: unknown[] } {
  return withStore(workspace, (store) => {
    const exchange = store.findExchangeByName('cli', 'family')!;
    const people = store.listParticipants(exchange.id);
    const draw = store.getLatestDraw(exchange.id)!;
    const assignments = store.listAssignments(draw.id);
    const name = (id: number) => store.getParticipant(id)!.displayName;
    const problem = buildDrawProblem(store, exchange, people);
    const violations = verifyDraw(
      problem,
      assignments.map((a) => [String(a.giverId), String(a.recipientId)] as const),
      draw.relaxedHistory,
    );
    return { pairs: new Map(assignments.map((a) => [name(a.giverId), name(a.recipientId)])), violations };
  });
}

describe('santa withdraw', () => {
  it('repairs the shared withdraw case', async () => {
    const workspace = createWorkspace();
    storeCaseDraw(workspace);
    expect((await runSanta(workspace, ['deliver'])).code).toBe(0);
    const before = new Set(readOutbox(workspace.outbox).map((message) => message.file));

    const run = await runSanta(workspace, ['withdraw', 'family', CASE.withdraw]);

    const { pairs, violations } = latestDraw(workspace);
    const changed = [...pairs].filter(([giver, recipient]) => CASE.draw[giver] !== recipient);
    const fresh = readOutbox(workspace.outbox).filter((message) => !before.has(message.file));
    expect(run.code).toBe(0);
    expect(violations).toEqual([]);
    expect([...pairs.keys()].sort()).toEqual(['Ann', 'Cy', 'Dee']);
    expect([...pairs.values()]).not.toContain('Bo');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(CASE.expect.maxChangedGivers);
    expect(fresh.map((message) => [message.giver, message.recipient]).sort()).toEqual([...pairs].sort());
    expect(run.stdout).toBe(
      'Withdrew Bo from "family". The draw was adjusted for the 3 people still in, and each of them is told their recipient again.\n' +
        'Told 3 of 3 givers their recipient again.\n',
    );
  });

  it('output names no giver', async () => {
    const workspace = createWorkspace();
    storeCaseDraw(workspace);

    const run = await runSanta(workspace, ['withdraw', 'family', 'Bo']);

    for (const name of ['Ann', 'Cy', 'Dee']) {
      expect(run.stdout).not.toContain(name);
      expect(run.stderr).not.toContain(name);
    }
  });

  it('tells all five givers again', async () => {
    const workspace = createWorkspace();
    const names = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay'];
    const file = join(workspace.dir, 'six.csv');
    const rows = names.map((name) => `${name},${name.toLowerCase()}@example.org`);
    writeFileSync(file, ['name,email', ...rows].join('\n') + '\n');
    expect((await runSanta(workspace, ['draw', file, '--name', 'family'])).code).toBe(0);
    const before = new Set(readOutbox(workspace.outbox).map((message) => message.file));

    const run = await runSanta(workspace, ['withdraw', 'family', 'Cy']);

    const { pairs, violations } = latestDraw(workspace);
    const reveals = withStore(workspace, (store) => {
      const exchange = store.findExchangeByName('cli', 'family')!;
      const draw = store.getLatestDraw(exchange.id)!;
      const name = (id: number) => store.getParticipant(id)!.displayName;
      return store
        .listDeliveries(draw.id)
        .filter((delivery) => delivery.purpose === 'reveal')
        .map((delivery) => [name(delivery.participantId), delivery.status]);
    });
    const fresh = readOutbox(workspace.outbox).filter((message) => !before.has(message.file));
    const others = names.filter((name) => name !== 'Cy');
    expect(run.code).toBe(0);
    expect(violations).toEqual([]);
    expect(reveals.sort()).toEqual(others.map((name) => [name, 'sent']));
    expect(fresh.map((message) => [message.giver, message.recipient]).sort()).toEqual([...pairs].sort());
    for (const name of others) {
      expect(run.stdout).not.toContain(name);
      expect(run.stderr).not.toContain(name);
    }
    expect(run.stdout).toBe(
      'Withdrew Cy from "family". The draw was adjusted for the 5 people still in, and each of them is told their recipient again.\n' +
        'Told 5 of 5 givers their recipient again.\n',
    );
  });

  it('impossible repair keeps the person in', async () => {
    const workspace = createWorkspace();
    const file = join(workspace.dir, 'three.csv');
    writeFileSync(file, 'name,email\nAnn,ann@example.org\nBo,bo@example.org\nCy,cy@example.org\n');
    expect((await runSanta(workspace, ['draw', file, '--name', 'family', '--no-reciprocal'])).code).toBe(0);
    const before = latestDraw(workspace).pairs;

    const run = await runSanta(workspace, ['withdraw', 'family', 'Bo']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Bo stays in: the draw cannot be adjusted without them.\n' +
        'The draw is not possible. Only Ann and Cy would remain, and with the rule that no two people draw each other a draw needs at least 3 people.\n' +
        'The person stays in the drawn exchange. To take them out anyway, cancel it and start a new one.\n' +
        'Nothing was stored or sent.\n',
    );
    expect(latestDraw(workspace).pairs).toEqual(before);
  });

  it('rejects an unknown or withdrawn person', async () => {
    const workspace = createWorkspace();
    storeCaseDraw(workspace);

    const unknown = await runSanta(workspace, ['withdraw', 'family', 'Zed']);
    const first = await runSanta(workspace, ['withdraw', 'family', 'Bo']);
    const second = await runSanta(workspace, ['withdraw', 'family', 'bo']);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('Nobody named "Zed" is in "family". People: Ann, Bo, Cy, Dee.\n');
    expect(first.code).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe('Bo was already withdrawn from "family".\n');
  });
});
