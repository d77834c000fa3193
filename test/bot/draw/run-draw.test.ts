import { describe, expect, it } from 'vitest';

import { runDraw } from '../../../src/bot/draw/run-draw.js';
import type { Exchange, ExchangeRules } from '../../../src/bot/model.js';
import { nameKey } from '../../../src/bot/names.js';
import { createTestBot, type TestBot } from '../helpers.js';

interface Person {
  name: string;
  phone?: string;
  email?: string;
  household?: string;
}

/** Creates a CLI exchange the way the `santa draw FILE.csv` command does, with no platform users. */
function cliExchange(
  bot: TestBot,
  name: string,
  people: Person[],
  rules: Partial<ExchangeRules> = {},
): Exchange {
  const now = bot.deps.clock.now();
  const exchange = bot.store.createExchange(
    {
      name,
      platform: 'cli',
      groupKey: `cli:${nameKey(name)}`,
      channelId: null,
      organiserId: 'cli',
      budget: null,
      exchangeDate: null,
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 0, ...rules },
    },
    now,
  );
  for (const person of people) {
    bot.store.addParticipant(
      {
        exchangeId: exchange.id,
        platformUserId: null,
        displayName: person.name,
        nameKey: nameKey(person.name),
        phone: person.phone ?? null,
        email: person.email ?? null,
        household: person.household ?? null,
        wishlist: null,
        channels: null,
      },
      now,
    );
  }
  return exchange;
}

const family: Person[] = [
  { name: 'Ann', phone: '+447911123456', email: 'ann@example.com' },
  { name: 'Bo', email: 'bo@example.com' },
  { name: 'Cy', phone: '+447911123457' },
];

function pairsByName(bot: TestBot, exchange: Exchange): string[] {
  const people = bot.store.listParticipants(exchange.id);
  const name = (id: number): string => people.find((person) => person.id === id)?.displayName ?? '?';
  const draw = bot.store.getLatestDraw(exchange.id);
  return bot.store
    .listAssignments(draw?.id ?? -1)
    .map((pair) => `${name(pair.giverId)}->${name(pair.recipientId)}`)
    .sort();
}

describe('runDraw', () => {
  it('plans first reachable channels with fallbacks', () => {
    const bot = createTestBot({ kinds: ['sms', 'email', 'file'] });
    const exchange = cliExchange(bot, 'Family', family);

    const report = runDraw(bot.deps, exchange.id, { notify: 'first-reachable' });

    expect(report).toMatchObject({
      ok: true,
      participants: 3,
      method: 'uniform',
      relaxedHistory: [],
      unreachable: [],
    });
    const drawId = report.ok ? report.drawId : null;
    expect(drawId).toBe(bot.store.getLatestDraw(exchange.id)?.id);
    const deliveries = bot.store.listDeliveries(drawId ?? -1);
    expect(deliveries.map((delivery) => [delivery.channel, delivery.fallback])).toEqual([
      ['sms', ['email', 'file']],
      ['email', ['file']],
      ['sms', ['file']],
    ]);
    expect(bot.store.getExchange(exchange.id)?.status).toBe('drawn');
  });

  it('plans every channel with notify all', () => {
    const bot = createTestBot({ kinds: ['sms', 'email', 'file'] });
    const exchange = cliExchange(bot, 'Family', family);

    const report = runDraw(bot.deps, exchange.id, { notify: 'all' });

    const deliveries = bot.store.listDeliveries(report.ok ? (report.drawId ?? -1) : -1);
    expect(deliveries.map((delivery) => delivery.channel)).toEqual([
      'sms',
      'email',
      'file',
      'email',
      'file',
      'sms',
      'file',
    ]);
    expect(deliveries.every((delivery) => delivery.fallback.length === 0)).toBe(true);
  });

  it('stores nothing on a dry run', () => {
    const bot = createTestBot({ kinds: ['sms', 'email', 'file'] });
    const exchange = cliExchange(bot, 'Family', family);

    const report = runDraw(bot.deps, exchange.id, { notify: 'first-reachable', dryRun: true });

    expect(report).toMatchObject({ ok: true, drawId: null, participants: 3 });
    expect(bot.store.getLatestDraw(exchange.id)).toBeNull();
    expect(bot.store.getExchange(exchange.id)?.status).toBe('open');
  });

  it('reports givers no channel can reach', () => {
    const bot = createTestBot({ kinds: ['sms'] });
    const exchange = cliExchange(bot, 'Family', family);

    const report = runDraw(bot.deps, exchange.id, { notify: 'first-reachable' });

    expect(report.ok && report.unreachable.map((person) => person.displayName)).toEqual(['Bo']);
    expect(bot.store.listDeliveries(report.ok ? (report.drawId ?? -1) : -1)).toHaveLength(2);
  });

  it.each([
    ['EXCHANGE_NOT_FOUND', 'No exchange has the id 999.'],
    ['ALREADY_DRAWN', 'Family has already been drawn; a draw is never replaced.'],
    ['NOT_OPEN', 'Family is cancelled, so it cannot be drawn.'],
  ])('rejects with %s', (code, explanation) => {
    const bot = createTestBot({ kinds: ['file'] });
    const exchange = cliExchange(bot, 'Family', family);
    if (code === 'ALREADY_DRAWN') runDraw(bot.deps, exchange.id, { notify: 'first-reachable' });
    if (code === 'NOT_OPEN') bot.store.transitionExchange(exchange.id, 'open', 'cancelled', 1);
    const id = code === 'EXCHANGE_NOT_FOUND' ? 999 : exchange.id;

    expect(runDraw(bot.deps, id, { notify: 'first-reachable' })).toEqual({ ok: false, code, explanation });
  });

  it('explains a household conflict in plain text', () => {
    const bot = createTestBot({ kinds: ['file'] });
    const exchange = cliExchange(bot, 'Family', [
      { name: 'Ann', household: 'north' },
      { name: 'Bo', household: 'north' },
      { name: 'Cy' },
    ]);

    const report = runDraw(bot.deps, exchange.id, { notify: 'first-reachable' });

    expect(report).toMatchInlineSnapshot(`
      {
        "code": "GROUP_TOO_FEW_RECIPIENTS",
        "explanation": "The draw is not possible. Ann and Bo can only give to Cy between them, which is 1 person for 2 givers.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        "ok": false,
      }
    `);
  });

  it('avoids and then relaxes past pairings', () => {
    const bot = createTestBot({ kinds: ['file'], seed: 3 });
    const people = family.map(({ name }) => ({ name }));
    const first = cliExchange(bot, 'Family', people);
    runDraw(bot.deps, first.id, { notify: 'first-reachable' });
    bot.store.transitionExchange(first.id, 'drawn', 'closed', 2);

    const second = cliExchange(bot, 'Family', people, { avoidPast: 1 });
    const secondReport = runDraw(bot.deps, second.id, { notify: 'first-reachable' });
    bot.store.transitionExchange(second.id, 'drawn', 'closed', 3);

    // Three people have exactly two possible draws, the two directions of one loop.
    expect(secondReport).toMatchObject({ ok: true, relaxedHistory: [] });
    const firstPairs = pairsByName(bot, first);
    const secondPairs = pairsByName(bot, second);
    expect(secondPairs.filter((pair) => firstPairs.includes(pair))).toEqual([]);

    const third = cliExchange(bot, 'Family', people, { avoidPast: 2 });
    const thirdReport = runDraw(bot.deps, third.id, { notify: 'first-reachable' });

    expect(thirdReport.ok && thirdReport.relaxedHistory).toEqual(['Family (2026-12-01)']);
    expect(bot.store.getLatestDraw(third.id)?.relaxedHistory).toEqual(['Family (2026-12-01)']);
  });
});
