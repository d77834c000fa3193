import { describe, expect, it } from 'vitest';

import { createTestBot, slackUser, type TestBot } from '../helpers.js';

const ann = slackUser('UANN', 'Ann');
const bo = slackUser('UBO', 'Bo');
const cy = slackUser('UCY', 'Cy');

async function openExchange(bot: TestBot, ...people: ReturnType<typeof slackUser>[]): Promise<number> {
  await bot.santa.executeText(ann, 'create Office');
  for (const person of people) await bot.santa.executeText(person, 'join');
  return bot.store.findActiveExchange('slack', 'T1', 'C1')?.id ?? -1;
}

function texts(replies: { text: string }[]): string[] {
  return replies.map((reply) => reply.text);
}

describe('create', () => {
  it('rejects a second active exchange', async () => {
    const bot = createTestBot();
    await openExchange(bot);

    const replies = await bot.santa.executeText(bo, 'create Another');

    expect(texts(replies)).toEqual([
      '⟦"Office" is already running in this channel. Cancel it with /santa cancel before starting another.⟧',
    ]);
  });

  it('allows one exchange per channel', async () => {
    const bot = createTestBot();
    await openExchange(bot);

    const replies = await bot.santa.executeText(slackUser('UBO', 'Bo', { channelId: 'C2' }), 'create Other');

    expect(replies[0]?.visibility).toBe('public');
    expect(bot.store.findActiveExchange('slack', 'T1', 'C2')?.organiserId).toBe('UBO');
  });

  it('validates modal values', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.createExchange(ann, { exchangeName: 'Office', date: '2026-13-01' });

    expect(texts(replies)).toEqual([
      '⟦"2026-13-01" is not a valid date. Write a real calendar date as YYYY-MM-DD, for example 2026-12-18.⟧',
    ]);
    expect(bot.store.findActiveExchange('slack', 'T1', 'C1')).toBeNull();
  });

  it('names an unnamed exchange', async () => {
    const bot = createTestBot();

    await bot.santa.execute(ann, { name: 'create' });

    expect(bot.store.findActiveExchange('slack', 'T1', 'C1')?.name).toBe('Secret Santa');
  });
});

describe('join and leave', () => {
  it('keeps a second join harmless', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo);

    const replies = await bot.santa.executeText(bo, 'join');

    expect(texts(replies)).toEqual(['You are already in *⟦Office⟧*; nothing changed.']);
    expect(bot.store.listParticipants(exchangeId)).toHaveLength(1);
  });

  it('admits two members with one name', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo, slackUser('UBO2', '  bo '));

    const people = bot.store.listParticipants(exchangeId);
    expect(people.map((person) => [person.displayName, person.nameKey])).toEqual([
      ['Bo', 'bo'],
      ['bo', 'bo (ubo2)'],
    ]);
  });

  it('needs an exchange to join', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.executeText(bo, 'join');

    expect(texts(replies)).toEqual([
      '⟦There is no Secret Santa running in this channel. Start one with /santa create.⟧',
    ]);
  });

  it('leaves and rejoins with the wishlist', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo, cy);
    await bot.santa.executeText(bo, 'wishlist socks');

    expect(texts(await bot.santa.executeText(bo, 'leave'))).toEqual(['You have left *⟦Office⟧*.']);
    expect(bot.store.listParticipants(exchangeId).map((person) => person.displayName)).toEqual(['Cy']);
    expect(texts(await bot.santa.executeText(bo, 'leave'))).toEqual([
      '⟦You are not taking part yet. Join with /santa join.⟧',
    ]);

    await bot.santa.executeText(bo, 'join');
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')?.wishlist).toBe('socks');
    expect(bot.store.listParticipants(exchangeId)).toHaveLength(2);
  });

  it('rejects join after the draw', async () => {
    const bot = createTestBot();
    await openExchange(bot, ann, bo, cy);
    await bot.santa.executeText(ann, 'draw');

    expect(texts(await bot.santa.executeText(slackUser('UDEE', 'Dee'), 'join'))).toEqual([
      '⟦The draw has already been made, so nobody can join any more.⟧',
    ]);
  });
});

describe('wishlist', () => {
  it('saves and shows it escaped', async () => {
    const bot = createTestBot();
    await openExchange(bot, bo);

    const saved = await bot.santa.executeText(bo, 'wishlist <!here> a *book*\n& tea');
    const shown = await bot.santa.execute(bo, { name: 'wishlist' });

    expect(texts(saved)).toEqual(['Wishlist saved:\n⟦@here a *book*\n& tea⟧']);
    expect(texts(shown)).toEqual(['Your wishlist:\n⟦@here a *book*\n& tea⟧']);
    expect(saved[0]?.visibility).toBe('private');
  });

  it('saves from the modal', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo);

    await bot.santa.setWishlist(bo, '  tea  ');

    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')?.wishlist).toBe('tea');
  });

  it('rejects a modal wishlist over the limit', async () => {
    const bot = createTestBot();
    await openExchange(bot, bo);

    const replies = await bot.santa.setWishlist(bo, 'x'.repeat(1001));

    expect(texts(replies)[0]).toMatch(
      /^⟦The wishlist "x{40}…" is 1001 characters long; the maximum is 1000\.⟧$/u,
    );
  });
});

describe('contact', () => {
  it('masks what it saved', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo);

    const replies = await bot.santa.executeText(bo, 'contact phone=+447911123456 email=bo.smith@example.com');

    expect(replies).toEqual([
      {
        visibility: 'private',
        text: 'Saved for when a direct message cannot reach you: phone …56, email ⟦b…@example.com⟧. Only santa uses them.',
      },
    ]);
    expect(replies[0]?.text).not.toContain('7911123456');
    expect(replies[0]?.text).not.toContain('bo.smith');
    const stored = bot.store.findParticipantByUser(exchangeId, 'UBO');
    expect(stored?.phone).toBe('+447911123456');
    expect(stored?.email).toBe('bo.smith@example.com');
  });

  it('clears both', async () => {
    const bot = createTestBot();
    const exchangeId = await openExchange(bot, bo);
    await bot.santa.executeText(bo, 'contact phone=+447911123456 email=bo@example.com');

    const replies = await bot.santa.executeText(bo, 'contact clear');

    expect(texts(replies)).toEqual(['Your phone number and email address are removed.']);
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')?.phone).toBeNull();
    expect(bot.store.findParticipantByUser(exchangeId, 'UBO')?.email).toBeNull();
  });

  it('validates Discord options', async () => {
    const bot = createTestBot();
    await openExchange(bot, bo);

    const replies = await bot.santa.execute(bo, { name: 'contact', phone: 'call me', clear: false });

    expect(texts(replies)).toEqual([
      '⟦"call me" is not a valid phone number. Include the country code, for example +447911123456.⟧',
    ]);
  });
});

describe('list', () => {
  it('shows names and wishlists only', async () => {
    const bot = createTestBot();
    await openExchange(bot, ann, bo);
    await bot.santa.executeText(bo, 'wishlist tea');
    await bot.santa.executeText(bo, 'contact email=bo@example.com');

    const replies = await bot.santa.executeText(cy, 'list');

    expect(replies).toEqual([
      { visibility: 'private', text: '2 people are in *⟦Office⟧*:\n• ⟦Ann⟧\n• ⟦Bo⟧ (wishlist ✓)' },
    ]);
  });
});
