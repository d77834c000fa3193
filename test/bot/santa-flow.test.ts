import { describe, expect, it } from 'vitest';

import { DeliveryWorker } from '../../src/bot/delivery/worker.js';
import type { Exchange } from '../../src/bot/model.js';
import { createTestBot, slackUser } from './helpers.js';

const ann = slackUser('UANN', 'Ann');
const bo = slackUser('UBO', 'Bo');
const cy = slackUser('UCY', 'Cy');
const dee = slackUser('UDEE', 'Dee');

function activeExchange(bot: ReturnType<typeof createTestBot>): Exchange {
  const exchange = bot.store.findActiveExchange('slack', 'T1', 'C1');
  if (exchange === null) throw new Error('no active exchange');
  return exchange;
}

describe('Santa whole flow', () => {
  it('creates, joins, excludes, draws and delivers', async () => {
    const bot = createTestBot();

    const created = await bot.santa.execute(ann, {
      name: 'create',
      exchangeName: 'Office 2026',
      budget: '£20',
      date: '2026-12-18',
      rules: { noReciprocal: true },
    });
    expect(created).toMatchInlineSnapshot(`
      [
        {
          "text": "<@UANN> started the Secret Santa *⟦Office 2026⟧* (budget ⟦£20⟧, exchange on 2026-12-18).
      Rules: no two people draw each other.
      Type \`/santa join\` to take part.",
          "visibility": "public",
        },
      ]
    `);

    for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');
    const lastJoin = await bot.santa.executeText(dee, 'join');
    expect(lastJoin).toMatchInlineSnapshot(`
      [
        {
          "text": "You are in *⟦Office 2026⟧*. 4 people are taking part so far. Add a wishlist with \`/santa wishlist\`.",
          "visibility": "private",
        },
      ]
    `);

    const excluded = await bot.santa.executeText(bo, 'exclude <@UCY|cy>');
    expect(excluded).toEqual([{ visibility: 'private', text: 'Saved: you will not draw ⟦Cy⟧.' }]);
    await bot.santa.executeText(cy, 'wishlist socks, <b>not</b> a tie');

    const drawn = await bot.santa.executeText(ann, 'draw');
    expect(drawn).toMatchInlineSnapshot(`
      [
        {
          "text": "The draw for *⟦Office 2026⟧* is done: 4 people are in; everyone gets their recipient in a DM.",
          "visibility": "public",
        },
      ]
    `);
    expect(bot.wakes()).toBe(1);

    const exchange = activeExchange(bot);
    expect(exchange.status).toBe('drawn');
    const draw = bot.store.getLatestDraw(exchange.id);
    expect(draw?.method).toBe('uniform');

    const participants = bot.store.listParticipants(exchange.id);
    const idOf = (name: string): number =>
      participants.find((person) => person.displayName === name)?.id ?? -1;
    const assignments = bot.store.listAssignments(draw?.id ?? -1);
    expect(assignments).toHaveLength(4);
    expect(new Set(assignments.map((pair) => pair.giverId)).size).toBe(4);
    expect(new Set(assignments.map((pair) => pair.recipientId)).size).toBe(4);
    expect(assignments.some((pair) => pair.giverId === pair.recipientId)).toBe(false);
    expect(assignments.some((pair) => pair.giverId === idOf('Bo') && pair.recipientId === idOf('Cy'))).toBe(
      false,
    );

    const deliveries = bot.store.listDeliveries(draw?.id ?? -1);
    expect(deliveries.map((delivery) => [delivery.channel, delivery.status, delivery.purpose])).toEqual([
      ['slack', 'pending', 'reveal'],
      ['slack', 'pending', 'reveal'],
      ['slack', 'pending', 'reveal'],
      ['slack', 'pending', 'reveal'],
    ]);

    const worker = new DeliveryWorker({ ...bot.deps, concurrency: 2 });
    await worker.drainUntilIdle();
    const slack = bot.channels.get('slack');
    const recipientsByGiver = new Map(
      slack?.sent.map((envelope) => [
        envelope.to.platformUserId,
        envelope.content.purpose === 'reveal' ? envelope.content.recipientName : null,
      ]),
    );
    expect(recipientsByGiver.size).toBe(4);
    for (const assignment of assignments) {
      const giver = participants.find((person) => person.id === assignment.giverId);
      const recipient = participants.find((person) => person.id === assignment.recipientId);
      expect(recipientsByGiver.get(giver?.platformUserId ?? '')).toBe(recipient?.displayName);
    }
  });

  it('tells the organiser who cannot be reached', async () => {
    const bot = createTestBot({ kinds: ['sms'] });
    await bot.santa.executeText(ann, 'create Office');
    for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');
    await bot.santa.executeText(bo, 'contact phone=+447911123456');

    const replies = await bot.santa.executeText(ann, 'draw');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "The draw for *⟦Office⟧* is done: 3 people are in; everyone gets their recipient in a DM.",
          "visibility": "public",
        },
        {
          "text": "These people have no way to be told their recipient: ⟦Ann⟧, ⟦Cy⟧. Ask them to add a phone number or email with \`/santa contact\`, then check \`/santa status\`.",
          "visibility": "private",
        },
      ]
    `);
    const draw = bot.store.getLatestDraw(activeExchange(bot).id);
    expect(bot.store.listDeliveries(draw?.id ?? -1).map((delivery) => delivery.channel)).toEqual(['sms']);
  });

  it('rejects a draw by a non-organiser', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office');
    for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');

    const replies = await bot.santa.executeText(bo, 'draw');

    expect(replies).toEqual([{ visibility: 'private', text: '⟦Only the organiser can use /santa draw.⟧' }]);
    expect(activeExchange(bot).status).toBe('open');
    expect(bot.wakes()).toBe(0);
  });

  it('lets a Discord server admin draw', async () => {
    const bot = createTestBot();
    const discord = (userId: string, name: string, isServerAdmin = false) =>
      slackUser(userId, name, { platform: 'discord', groupKey: 'G1', isServerAdmin });
    await bot.santa.execute(discord('1', 'Ann'), { name: 'create', exchangeName: 'Guild' });
    for (const [id, name] of [
      ['1', 'Ann'],
      ['2', 'Bo'],
      ['3', 'Cy'],
    ] as const) {
      await bot.santa.execute(discord(id, name), { name: 'join' });
    }

    const replies = await bot.santa.execute(discord('9', 'Mod', true), { name: 'draw' });

    expect(replies.map((reply) => reply.visibility)).toEqual(['public']);
    expect(bot.store.findActiveExchange('discord', 'G1', 'C1')?.status).toBe('drawn');
  });

  it('answers a second draw with already drawn', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office');
    for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');

    const [first, second] = await Promise.all([
      bot.santa.executeText(ann, 'draw'),
      bot.santa.executeText(ann, 'draw'),
    ]);
    const third = await bot.santa.executeText(ann, 'draw');

    expect(first?.map((reply) => reply.visibility)).toEqual(['public']);
    expect(second).toEqual([
      { visibility: 'private', text: '*⟦Office⟧* has already been drawn; nothing changed.' },
    ]);
    expect(third).toEqual(second);
    const exchange = activeExchange(bot);
    const draw = bot.store.getLatestDraw(exchange.id);
    expect(bot.store.listAssignments(draw?.id ?? -1)).toHaveLength(3);
    expect(bot.store.listDeliveries(draw?.id ?? -1)).toHaveLength(3);
    expect(bot.wakes()).toBe(1);
  });

  it('explains an impossible draw by name', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office no-reciprocal');
    await bot.santa.executeText(ann, 'join');
    await bot.santa.executeText(bo, 'join');

    const replies = await bot.santa.executeText(ann, 'draw');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "The draw is not possible. Only ⟦Ann⟧ and ⟦Bo⟧ have joined, and with the rule that no two people draw each other a draw needs at least 3 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          "visibility": "private",
        },
      ]
    `);
    expect(activeExchange(bot).status).toBe('open');
    expect(bot.store.getLatestDraw(activeExchange(bot).id)).toBeNull();
    expect(bot.wakes()).toBe(0);
  });

  it('names who has nobody left to draw', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office');
    for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');
    await bot.santa.executeText(ann, 'exclude <@UBO>');
    await bot.santa.executeText(ann, 'exclude <@UCY>');

    const replies = await bot.santa.executeText(ann, 'draw');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Ann⟧ excludes ⟦Bo⟧ and ⟦Cy⟧.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          "visibility": "private",
        },
      ]
    `);
  });
});
