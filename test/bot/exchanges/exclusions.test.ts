import { describe, expect, it } from 'vitest';

import { createTestBot, slackUser, type TestBot } from '../helpers.js';

const ann = slackUser('UANN', 'Ann');
const bo = slackUser('UBO', 'Bo');
const cy = slackUser('UCY', 'Cy');
const dee = slackUser('UDEE', 'Dee');

async function openExchange(bot: TestBot): Promise<number> {
  await bot.santa.executeText(ann, 'create Office');
  for (const person of [ann, bo, cy, dee]) await bot.santa.executeText(person, 'join');
  return bot.store.findActiveExchange('slack', 'T1', 'C1')?.id ?? -1;
}

/** Returns the exclusions of an exchange as "giver->recipient" names. */
function exclusionNames(bot: TestBot, exchangeId: number): string[] {
  const people = bot.store.listParticipants(exchangeId);
  const name = (id: number): string => people.find((person) => person.id === id)?.displayName ?? '?';
  return bot.store
    .listExclusions(exchangeId)
    .map((exclusion) => `${name(exclusion.giverId)}->${name(exclusion.recipientId)}`)
    .sort();
}

describe('exclude', () => {
  it.each<[string, string, string, string]>([
    ['one-way for oneself', 'UBO', 'exclude <@UCY>', 'Saved: you will not draw ⟦Cy⟧.'],
    ['organiser names a giver', 'UANN', 'exclude <@UBO> <@UDEE>', 'Saved: ⟦Bo⟧ will not draw ⟦Dee⟧.'],
    [
      'organiser two-way',
      'UANN',
      'exclude <@UBO> <@UCY> both',
      'Saved: ⟦Bo⟧ and ⟦Cy⟧ will not draw each other.',
    ],
    [
      'organiser two-way with self',
      'UANN',
      'exclude both <@UCY>',
      'Saved: you and ⟦Cy⟧ will not draw each other.',
    ],
  ])('saves %s', async (_label, userId, text, expected) => {
    const bot = createTestBot();
    await openExchange(bot);

    const replies = await bot.santa.executeText(slackUser(userId, 'x'), text);

    expect(replies).toEqual([{ visibility: 'private', text: expected }]);
  });

  it('stores both directions', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot);

    await bot.santa.executeText(ann, 'exclude <@UBO> <@UCY> both');
    await bot.santa.executeText(dee, 'exclude <@UANN>');

    expect(exclusionNames(bot, exchangeId)).toEqual(['Bo->Cy', 'Cy->Bo', 'Dee->Ann']);
  });

  it('removes an exclusion', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot);
    await bot.santa.executeText(bo, 'exclude <@UCY>');

    const replies = await bot.santa.executeText(bo, 'exclude remove <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual(['Removed: you may draw ⟦Cy⟧ again.']);
    expect(exclusionNames(bot, exchangeId)).toEqual([]);
  });

  it.each<[string, string, string, string]>([
    ['self-exclusion', 'UBO', 'exclude <@UBO>', 'Nobody draws themselves anyway; name someone else.'],
    [
      'a giver by a member',
      'UBO',
      'exclude <@UCY> <@UDEE>',
      'Only the organiser can add an exclusion for someone else or a two-way one. Use /santa exclude @person for yourself.',
    ],
    [
      'two-way by a member',
      'UBO',
      'exclude <@UCY> both',
      'Only the organiser can add an exclusion for someone else or a two-way one. Use /santa exclude @person for yourself.',
    ],
    [
      'a non-participant',
      'UBO',
      'exclude <@UEVE|eve>',
      '@eve is not taking part in this exchange. They can join with /santa join.',
    ],
    [
      'a bare id',
      'UBO',
      'exclude <@UEVE>',
      'The person you mentioned is not taking part in this exchange. They can join with /santa join.',
    ],
    ['a caller not joined', 'UEVE', 'exclude <@UBO>', 'You are not taking part yet. Join with /santa join.'],
  ])('rejects %s', async (_label, userId, text, message) => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot);

    const replies = await bot.santa.executeText(slackUser(userId, 'x'), text);

    expect(replies).toEqual([{ visibility: 'private', text: `⟦${message}⟧` }]);
    expect(exclusionNames(bot, exchangeId)).toEqual([]);
  });

  it('rejects changes after the draw', async () => {
    const bot = createTestBot();
    await openExchange(bot);
    await bot.santa.executeText(ann, 'draw');

    const replies = await bot.santa.executeText(bo, 'exclude <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual([
      '⟦The draw has already been made for this exchange.⟧',
    ]);
  });
});

describe('household', () => {
  it('keeps a household apart in the draw', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot);

    const replies = await bot.santa.executeText(ann, 'household <@UANN> <@UBO>');
    await bot.santa.executeText(ann, 'household <@UCY> <@UDEE>');
    await bot.santa.executeText(ann, 'draw');

    expect(replies).toEqual([
      {
        visibility: 'private',
        text: 'Saved one household: ⟦Ann⟧, ⟦Bo⟧. Nobody in it will draw anybody else in it.',
      },
    ]);
    const people = bot.store.listParticipants(exchangeId);
    const householdOf = new Map(people.map((person) => [person.id, person.household]));
    expect(new Set(householdOf.values()).size).toBe(2);
    const draw = bot.store.getLatestDraw(exchangeId);
    const pairs = bot.store.listAssignments(draw?.id ?? -1);
    expect(pairs).toHaveLength(4);
    for (const pair of pairs)
      expect(householdOf.get(pair.giverId)).not.toBe(householdOf.get(pair.recipientId));
  });

  it('is for the organiser only', async () => {
    const bot = createTestBot();
    await openExchange(bot);

    const replies = await bot.santa.executeText(bo, 'household <@UBO> <@UCY>');

    expect(replies.map((reply) => reply.text)).toEqual(['⟦Only the organiser can use /santa household.⟧']);
  });

  it('explains an impossible household', async () => {
    const bot = createTestBot();
    await openExchange(bot);
    await bot.santa.executeText(ann, 'household <@UANN> <@UBO> <@UCY>');

    const replies = await bot.santa.executeText(ann, 'draw');

    expect(replies.map((reply) => reply.text)).toMatchInlineSnapshot(`
      [
        "The draw is not possible. ⟦Ann⟧, ⟦Bo⟧ and ⟦Cy⟧ can only give to ⟦Dee⟧ between them, which is 1 person for 3 givers.
      Remove an exclusion, split a household or relax a rule, then draw again.",
      ]
    `);
  });
});
