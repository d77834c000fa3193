import { afterEach, describe, expect, it } from 'vitest';

import { openExchange, startHarness, type Harness } from './harness.js';
import { ann, bob, cat, dan, everyone } from './people.js';

describe('Discord delivery', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  function deliveriesOf(userId: string) {
    const { discord, store } = harness;
    const exchange = store.findActiveExchange('discord', discord.guild.id, discord.channelId);
    const draw = store.getLatestDraw(exchange?.id ?? 0);
    const participant = store.findParticipantByUser(exchange?.id ?? 0, userId);
    return store
      .listDeliveries(draw?.id ?? 0)
      .filter((delivery) => delivery.participantId === participant?.id)
      .map((delivery) => [delivery.purpose, delivery.channel, delivery.status, delivery.lastErrorCode]);
  }

  it('closed DMs fall back to SMS', async () => {
    harness = await startHarness({ sms: true });
    await openExchange(harness);
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(dan, 'contact', { phone: '+44 7911 123456' }));
    discord.closeDms(dan.id);

    await discord.waitForAnswer(discord.command(ann, 'draw'));
    const twilio = harness.twilio;
    await discord.waitFor(() => twilio?.messagesTo('+447911123456').length === 1, 'an SMS to dan');
    await discord.waitFor(
      () => [ann, bob, cat].every((person) => discord.dmsTo(person.id).length === 1),
      'DMs',
    );

    expect(discord.dmsTo(dan.id)).toEqual([]);
    expect(twilio?.messagesTo('+447911123456')[0]?.body).toMatch(/^Hi dan! You are the Secret Santa for /u);
    await discord.waitFor(
      () => deliveriesOf(dan.id).length === 2 && deliveriesOf(dan.id)[1]?.[2] === 'sent',
      'SMS sent',
    );
    expect(deliveriesOf(dan.id)).toEqual([
      ['reveal', 'discord', 'failed', 'DISCORD_DMS_CLOSED'],
      ['reveal', 'sms', 'sent', null],
    ]);

    const status = await discord.waitForAnswer(discord.command(ann, 'status'));
    expect(status[0]?.content).toBe(
      '**Office** is drawn. 4 of 4 told:\n• Ann: told by Discord DM\n• Bob: told by Discord DM\n' +
        '• Cat at work: told by Discord DM\n• dan: told by SMS',
    );
  });

  it('unknown user without contact reported to organiser', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;
    discord.forgetUser(dan.id);

    await discord.waitForAnswer(discord.command(ann, 'draw'));
    await discord.waitFor(() => discord.dmsTo(ann.id).length === 2, 'the reveal and the notice to ann');

    expect(discord.dmsTo(dan.id)).toEqual([]);
    expect(discord.dmsTo(ann.id)[1]?.content).toBe(
      'Santa could not tell dan who they drew in "Office" (tried: Discord message). ' +
        'Ask them to check their direct messages or contact details, then send their draw again.\n',
    );
    expect(deliveriesOf(dan.id)[0]).toEqual(['reveal', 'discord', 'failed', 'DISCORD_UNKNOWN_USER']);
  });

  it('double-submitted draw gives one draw', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord, store } = harness;

    const first = discord.command(ann, 'draw');
    const second = discord.command(ann, 'draw');
    await discord.waitForAnswer(first);
    await discord.waitForAnswer(second);
    await discord.waitFor(
      () => everyone.every((person) => discord.dmsTo(person.id).length >= 1),
      'a DM to everyone',
    );
    await harness.worker.stop();

    const exchange = store.listExchanges({ platform: 'discord' })[0];
    const draw = store.getLatestDraw(exchange?.id ?? 0);
    expect(store.listAssignments(draw?.id ?? 0)).toHaveLength(4);
    expect(store.listDeliveries(draw?.id ?? 0)).toHaveLength(4);
    expect(everyone.map((person) => discord.dmsTo(person.id).length)).toEqual([1, 1, 1, 1]);

    const answers = [...discord.answersTo(first), ...discord.answersTo(second)]
      .filter((message) => message.content !== null)
      .map((message) => [message.ephemeral, message.content]);
    expect(answers).toEqual([
      [false, 'The draw for **Office** is done: 4 people are in; everyone gets their recipient in a DM.'],
      [true, '**Office** has already been drawn; nothing changed.'],
    ]);
  });

  it('who sends the DM again', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;
    await discord.waitForAnswer(discord.command(ann, 'draw'));
    await discord.waitFor(() => discord.dmsTo(bob.id).length === 1, 'the first DM to bob');

    const answers = await discord.waitForAnswer(discord.command(bob, 'who'));
    await discord.waitFor(() => discord.dmsTo(bob.id).length === 2, 'a second DM to bob');

    expect(answers.map((message) => [message.ephemeral, message.content])).toEqual([
      [true, 'Your recipient is on its way again by Discord DM.'],
    ]);
    expect(discord.dmsTo(bob.id)[1]?.content).toBe(discord.dmsTo(bob.id)[0]?.content);
  });

  it('rate-limited DM holds up no other server', async () => {
    harness = await startHarness();
    await openExchange(harness);
    const { discord } = harness;
    // Long enough that the other server's command is answered first even on a loaded machine.
    discord.rateLimitNextDm(dan.id, 4);

    await discord.waitForAnswer(discord.command(ann, 'draw'));
    await discord.waitFor(
      () => [ann, bob, cat].every((person) => discord.dmsTo(person.id).length === 1),
      'DMs',
    );
    const elsewhere = discord.command(bob, 'help', {}, { guildId: '1100000000000000011' });
    await discord.waitForAnswer(elsewhere);
    const danWaitedForHelp = discord.dmsTo(dan.id).length === 0;
    await discord.waitFor(() => discord.dmsTo(dan.id).length === 1, 'the DM to dan after Retry-After');
    await discord.waitFor(() => deliveriesOf(dan.id)[0]?.[2] === 'sent', 'the DM to dan recorded as sent');

    expect(danWaitedForHelp).toBe(true);
    // Four DMs and the one sent again after the 429.
    expect(
      discord.requests.filter((request) => /^POST \/channels\/\d+\/messages$/u.test(request)),
    ).toHaveLength(5);
    expect(deliveriesOf(dan.id)).toEqual([['reveal', 'discord', 'sent', null]]);
  });
});
