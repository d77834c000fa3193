import { afterEach, describe, expect, it } from 'vitest';

import { PERMISSIONS } from '../../fakes/fake-discord.js';
import { openExchange, startHarness, type Harness } from './harness.js';
import { ann, bob } from './people.js';

describe('Discord draw and cancel rights', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  function exchangeStatus(): string | undefined {
    const { discord, store } = harness;
    return store
      .listExchanges({ platform: 'discord' })
      .find((exchange) => exchange.channelId === discord.channelId)?.status;
  }

  it('member without Manage Server refused', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;

    const drawn = discord.command(bob, 'draw', {}, { permissions: PERMISSIONS.member });
    await discord.waitForAnswer(drawn);
    const cancelled = discord.command(bob, 'cancel', {}, { permissions: PERMISSIONS.member });
    await discord.waitForAnswer(cancelled);

    // The refused draw is deferred privately, so nothing of it shows in the channel.
    expect(
      discord.answersTo(drawn).map((message) => [message.kind, message.ephemeral, message.content]),
    ).toEqual([
      ['response', true, null],
      ['edit', true, 'Only the organiser can use /santa draw.'],
    ]);
    expect(
      discord.answersTo(cancelled).map((message) => [message.kind, message.ephemeral, message.content]),
    ).toEqual([['response', true, 'Only the organiser can use /santa cancel.']]);
    expect(exchangeStatus()).toBe('open');
    expect(discord.sent.filter((message) => message.kind === 'dm')).toEqual([]);
  });

  it('Manage Server may draw', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;

    const drawn = discord.command(bob, 'draw', {}, { permissions: PERMISSIONS.manageServer });
    await discord.waitForAnswer(drawn);

    expect(
      discord.answersTo(drawn).map((message) => [message.kind, message.ephemeral, message.content]),
    ).toEqual([
      ['response', false, null],
      [
        'edit',
        false,
        'The draw for **Office** is done: 4 people are in; everyone gets their recipient in a DM.',
      ],
    ]);
    expect(exchangeStatus()).toBe('drawn');
  });

  it('Manage Server may cancel', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;

    const answers = await discord.waitForAnswer(
      discord.command(bob, 'cancel', {}, { permissions: PERMISSIONS.manageServer }),
    );

    expect(answers.map((message) => [message.ephemeral, message.content])).toEqual([
      [false, '**Office** has been cancelled by the organiser.'],
    ]);
    expect(exchangeStatus()).toBe('cancelled');
  });

  it('organiser may draw without Manage Server', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;

    await discord.waitForAnswer(discord.command(ann, 'draw', {}, { permissions: PERMISSIONS.member }));

    expect(exchangeStatus()).toBe('drawn');
  });

  it('impossible draw explained privately', async () => {
    harness = await startHarness();
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(ann, 'create', { name: 'Pair', no_reciprocal: true }));
    await discord.waitForAnswer(discord.command(ann, 'join'));
    await discord.waitForAnswer(discord.command(bob, 'join'));

    const drawn = discord.command(ann, 'draw');
    await discord.waitForAnswer(drawn, 2);

    const answers = discord.answersTo(drawn);
    expect(answers.map((message) => [message.kind, message.ephemeral])).toEqual([
      ['response', false],
      ['delete', false],
      ['followup', true],
    ]);
    expect(answers[2]?.content).toBe(
      'The draw is not possible. Only Ann and Bob have joined, and with the rule that no two people draw ' +
        'each other a draw needs at least 3 people.\n' +
        'Remove an exclusion, split a household or relax a rule, then draw again.',
    );
    expect(exchangeStatus()).toBe('open');
  });
});
