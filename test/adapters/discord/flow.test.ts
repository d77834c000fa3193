import { afterEach, describe, expect, it } from 'vitest';

import type { SentMessage } from '../../fakes/fake-discord.js';
import { startHarness, type Harness } from './harness.js';
import { ann, bob, cat, dan, everyone } from './people.js';

/** Returns the messages with content, because deferrals and modals carry no mentions setting. */
function messagesWithContent(sent: readonly SentMessage[]): SentMessage[] {
  return sent.filter((message) => message.content !== null);
}

describe('Discord flow', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  it('create to every DM', async () => {
    harness = await startHarness();
    const { discord, store } = harness;

    const created = discord.command(ann, 'create', {
      name: 'Office 2026',
      budget: '£20',
      no_reciprocal: true,
    });
    const [creation] = await discord.waitForAnswer(created);
    expect(creation?.ephemeral).toBe(false);
    expect(creation?.content).toBe(
      '<@1100000000000000101> started the Secret Santa **Office 2026** (budget £20).\n' +
        'Rules: no two people draw each other.\nType `/santa join` to take part.',
    );

    for (const person of everyone) {
      const [joined] = await discord.waitForAnswer(discord.command(person, 'join'));
      expect(joined?.kind).toBe('response');
    }

    const drawn = discord.command(ann, 'draw');
    await discord.waitForAnswer(drawn);
    const drawAnswers = discord.answersTo(drawn);
    expect(drawAnswers.map((message) => [message.kind, message.callbackType, message.ephemeral])).toEqual([
      ['response', 5, false],
      ['edit', null, false],
    ]);
    expect(drawAnswers[1]?.content).toBe(
      'The draw for **Office 2026** is done: 4 people are in; everyone gets their recipient in a DM.',
    );

    await discord.waitFor(
      () => everyone.every((person) => discord.dmsTo(person.id).length === 1),
      'a DM to everyone',
    );
    const exchange = store.findActiveExchange('discord', discord.guild.id, discord.channelId);
    const draw = exchange === null ? null : store.getLatestDraw(exchange.id);
    expect(draw).not.toBeNull();
    const assignments = store.listAssignments(draw?.id ?? 0);
    expect(assignments).toHaveLength(4);

    for (const assignment of assignments) {
      const giver = store.getParticipant(assignment.giverId);
      const recipient = store.getParticipant(assignment.recipientId);
      const [dm] = discord.dmsTo(giver?.platformUserId ?? '');
      expect(recipient?.id).not.toBe(giver?.id);
      expect(dm?.content).toBe(
        `Hi ${giver?.displayName},\n\nYou are the Secret Santa for ${recipient?.displayName} in "Office 2026".\n` +
          'Budget: £20\n\nKeep it secret!\n',
      );
    }

    const status = await discord.waitForAnswer(discord.command(ann, 'status'));
    expect(status.map((message) => [message.kind, message.ephemeral])).toEqual([['edit', true]]);
    expect(status[0]?.content).toBe(
      '**Office 2026** is drawn. 4 of 4 told:\n• Ann: told by Discord DM\n• Bob: told by Discord DM\n' +
        '• Cat at work: told by Discord DM\n• dan: told by Discord DM',
    );

    for (const message of messagesWithContent(discord.sent))
      expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it('typed options reach the store', async () => {
    harness = await startHarness();
    const { discord, store } = harness;
    await discord.waitForAnswer(
      discord.command(ann, 'create', { name: 'Family', date: '2026-12-24', avoid_past: 2 }),
    );
    for (const person of everyone) await discord.waitForAnswer(discord.command(person, 'join'));

    const excluded = await discord.waitForAnswer(discord.command(bob, 'exclude', { person: cat }));
    expect(excluded[0]?.ephemeral).toBe(true);
    await discord.waitForAnswer(
      discord.command(ann, 'household', { member1: cat, member2: dan, member3: cat }),
    );

    const exchange = store.findActiveExchange('discord', discord.guild.id, discord.channelId);
    expect(exchange?.exchangeDate).toBe('2026-12-24');
    expect(exchange?.rules).toEqual({ noReciprocal: false, singleLoop: false, avoidPast: 2 });

    const byUser = new Map(
      store.listParticipants(exchange?.id ?? 0).map((person) => [person.platformUserId, person]),
    );
    expect(store.listExclusions(exchange?.id ?? 0)).toEqual([
      { exchangeId: exchange?.id, giverId: byUser.get(bob.id)?.id, recipientId: byUser.get(cat.id)?.id },
    ]);
    expect(byUser.get(cat.id)?.household).not.toBeNull();
    expect(byUser.get(cat.id)?.household).toBe(byUser.get(dan.id)?.household);
    expect(byUser.get(ann.id)?.household).toBeNull();
  });

  it('contact is answered privately', async () => {
    harness = await startHarness();
    const { discord, store } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Office' }));
    await discord.waitForAnswer(discord.command(bob, 'join'));

    const answers = await discord.waitForAnswer(
      discord.command(bob, 'contact', { phone: '+44 7911 123456' }),
    );

    expect(answers.map((message) => message.ephemeral)).toEqual([true]);
    const exchange = store.findActiveExchange('discord', discord.guild.id, discord.channelId);
    expect(store.findParticipantByUser(exchange?.id ?? 0, bob.id)?.phone).toBe('+447911123456');
  });

  it('direct message use rejected politely', async () => {
    harness = await startHarness();
    const { discord } = harness;

    const answers = await discord.waitForAnswer(discord.command(ann, 'join', {}, { guildId: null }));

    expect(answers.map((message) => [message.kind, message.ephemeral, message.content])).toEqual([
      [
        'response',
        true,
        'Secret Santa runs in a server channel. Use `/santa` in a server, not in a direct message.',
      ],
    ]);
  });
});
