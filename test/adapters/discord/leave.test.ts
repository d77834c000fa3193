import { afterEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from './harness.js';
import { ann, bob, cat, everyone } from './people.js';

describe('Discord leave after the draw', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  it('organiser removes someone by option', async () => {
    harness = await startHarness();
    const { discord, store } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Office' }));
    for (const person of everyone) await discord.waitForAnswer(discord.command(person, 'join'));
    await discord.waitForAnswer(discord.command(ann, 'draw'));
    await discord.waitFor(
      () => everyone.every((person) => discord.dmsTo(person.id).length === 1),
      'a DM to everyone',
    );

    const answers = await discord.waitForAnswer(discord.command(ann, 'leave', { person: cat }), 2);

    const exchange = store.findActiveExchange('discord', discord.guild.id, discord.channelId)!;
    const draw = store.getLatestDraw(exchange.id)!;
    const catId = store.findParticipantByUser(exchange.id, cat.id)!.id;
    const assignments = store.listAssignments(draw.id);
    expect(assignments).toHaveLength(3);
    expect(assignments.some((a) => a.giverId === catId || a.recipientId === catId)).toBe(false);
    expect(answers.map((message) => [message.ephemeral, message.content])).toEqual([
      [
        true,
        'Removed Cat at work from **Office**. The draw was adjusted without them, and everyone still in is told their recipient again.',
      ],
      [
        false,
        'Someone left **Office**, so the draw was adjusted: 3 people are still in. Each of them gets a new message with their recipient, which may be the same as before.',
      ],
    ]);
  });

  it('others cannot remove someone', async () => {
    harness = await startHarness();
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Office' }));
    for (const person of everyone) await discord.waitForAnswer(discord.command(person, 'join'));

    const answers = await discord.waitForAnswer(discord.command(bob, 'leave', { person: cat }));

    expect(answers.map((message) => [message.ephemeral, message.content])).toEqual([
      [true, 'Only the organiser can remove someone else. Use /santa leave to leave yourself.'],
    ]);
  });
});
