import { describe, expect, it } from 'vitest';

import { DeliveryWorker } from '../../../src/bot/delivery/worker.js';
import { DeliveryError } from '../../../src/bot/errors.js';
import { createTestBot, slackUser, type TestBot } from '../helpers.js';

const ann = slackUser('UANN', 'Ann');
const bo = slackUser('UBO', 'Bo');
const cy = slackUser('UCY', 'Cy');

async function drawnExchange(bot: TestBot): Promise<number> {
  await bot.santa.executeText(ann, 'create Office');
  for (const person of [ann, bo, cy]) await bot.santa.executeText(person, 'join');
  await bot.santa.executeText(ann, 'draw');
  return bot.store.findActiveExchange('slack', 'T1', 'C1')?.id ?? -1;
}

async function deliverAll(bot: TestBot): Promise<void> {
  await new DeliveryWorker({ ...bot.deps, concurrency: 1 }).drainUntilIdle();
}

describe('status', () => {
  it('shows the organiser each giver', async () => {
    const bot = createTestBot();
    await drawnExchange(bot);
    const slack = bot.channels.get('slack');
    if (slack === undefined) throw new Error('no slack channel');
    const send = slack.send.bind(slack);
    // Bo's direct messages are closed and he gave no fallback contact.
    slack.send = async (envelope) => {
      if (envelope.to.platformUserId === 'UBO') throw new DeliveryError('cannot_dm_bot', 'DMs closed', true);
      return send(envelope);
    };
    await deliverAll(bot);

    const replies = await bot.santa.executeText(ann, 'status');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "*⟦Office⟧* is drawn. 2 of 3 told:
      • ⟦Ann⟧: told by Slack DM
      • ⟦Bo⟧: could not be reached
      • ⟦Cy⟧: told by Slack DM",
          "visibility": "private",
        },
      ]
    `);
  });

  it('shows pending deliveries', async () => {
    const bot = createTestBot();
    await drawnExchange(bot);

    const replies = await bot.santa.executeText(ann, 'status');

    expect(replies.map((reply) => reply.text)).toEqual([
      '*⟦Office⟧* is drawn. 0 of 3 told:\n• ⟦Ann⟧: sending by Slack DM\n• ⟦Bo⟧: sending by Slack DM\n• ⟦Cy⟧: sending by Slack DM',
    ]);
  });

  it('shows a member their own state', async () => {
    const bot = createTestBot();
    await drawnExchange(bot);
    await deliverAll(bot);

    const replies = await bot.santa.executeText(bo, 'status');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "You are taking part in *⟦Office⟧*.
      You have no wishlist yet.
      No fallback contact saved (optional: \`/santa contact\`).
      Your recipient: told by Slack DM.",
          "visibility": "private",
        },
      ]
    `);
  });

  it('counts people before the draw', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office');
    await bot.santa.executeText(bo, 'join');

    const replies = await bot.santa.executeText(ann, 'status');

    expect(replies.map((reply) => reply.text)).toEqual([
      '*⟦Office⟧* is open: 1 person is taking part. The draw has not been made yet.',
    ]);
  });
});

describe('who', () => {
  it('queues the reveal again without naming anyone', async () => {
    const bot = createTestBot();
    const exchangeId = await drawnExchange(bot);
    await deliverAll(bot);
    const drawId = bot.store.getLatestDraw(exchangeId)?.id ?? -1;
    const wakesBefore = bot.wakes();

    const replies = await bot.santa.executeText(bo, 'who');

    expect(replies).toEqual([
      { visibility: 'private', text: 'Your recipient is on its way again by Slack DM.' },
    ]);
    expect(bot.wakes()).toBe(wakesBefore + 1);
    const queued = bot.store.listDeliveries(drawId).filter((delivery) => delivery.status === 'pending');
    const boRecord = bot.store.findParticipantByUser(exchangeId, 'UBO');
    expect(queued.map((delivery) => [delivery.participantId, delivery.channel, delivery.purpose])).toEqual([
      [boRecord?.id, 'slack', 'reveal'],
    ]);
  });

  it('adds nothing while a reveal is queued', async () => {
    const bot = createTestBot();
    const exchangeId = await drawnExchange(bot);
    const drawId = bot.store.getLatestDraw(exchangeId)?.id ?? -1;

    const replies = await bot.santa.executeText(bo, 'who');

    expect(replies.map((reply) => reply.text)).toEqual([
      'Your recipient is already on its way by Slack DM; nothing new was sent.',
    ]);
    expect(bot.store.listDeliveries(drawId)).toHaveLength(3);
  });

  it('needs a draw first', async () => {
    const bot = createTestBot();
    await bot.santa.executeText(ann, 'create Office');
    await bot.santa.executeText(bo, 'join');

    const replies = await bot.santa.executeText(bo, 'who');

    expect(replies.map((reply) => reply.text)).toEqual([
      '⟦The draw has not been made yet. The organiser starts it with /santa draw.⟧',
    ]);
  });
});

describe('cancel', () => {
  it('lets the organiser start again', async () => {
    const bot = createTestBot();
    const exchangeId = await drawnExchange(bot);

    const rejected = await bot.santa.executeText(bo, 'cancel');
    const cancelled = await bot.santa.executeText(ann, 'cancel');
    const created = await bot.santa.executeText(bo, 'create Second');

    expect(rejected.map((reply) => reply.text)).toEqual(['⟦Only the organiser can use /santa cancel.⟧']);
    expect(cancelled).toEqual([
      { visibility: 'public', text: '*⟦Office⟧* has been cancelled by the organiser.' },
    ]);
    expect(bot.store.getExchange(exchangeId)?.status).toBe('cancelled');
    expect(created[0]?.visibility).toBe('public');
    expect(bot.store.findActiveExchange('slack', 'T1', 'C1')?.name).toBe('Second');
  });
});

describe('help and errors', () => {
  it('lists every command', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.executeText(bo, 'help');

    expect(replies).toMatchInlineSnapshot(`
      [
        {
          "text": "Secret Santa commands:
      \`/santa create name="Office 2026" budget=£20 date=2026-12-18 [no-reciprocal] [single-loop] [avoid-past=2]\`: start an exchange in this channel (name, budget, date, rules)
      \`/santa join\`: take part
      \`/santa leave (organiser: /santa leave @person)\`: stop taking part; after the draw, it is adjusted without you
      \`/santa wishlist TEXT\`: tell your Secret Santa what you would like
      \`/santa exclude @person (organiser: /santa exclude @giver @recipient [both] [remove])\`: say whom you must not draw
      \`/santa household @person @person ...\`: organiser: put people who live together in one household, so nobody draws their own
      \`/santa contact phone=+447911123456 email=you@example.com, or /santa contact clear\`: give a phone number or email address in case a direct message cannot reach you
      \`/santa list\`: see who is taking part
      \`/santa draw\`: organiser: draw and send everyone their recipient privately
      \`/santa status\`: see who has been told; the organiser sees everyone, never who drew whom
      \`/santa who\`: get your recipient sent to you again
      \`/santa cancel\`: organiser: cancel the exchange
      \`/santa help [command]\`: show this help",
          "visibility": "private",
        },
      ]
    `);
  });

  it('shows one topic on Discord', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.execute(slackUser('1', 'Bo', { platform: 'discord' }), {
      name: 'help',
      topic: 'who',
    });

    expect(replies.map((reply) => reply.text)).toEqual([
      '`/santa who`: get your recipient sent to you again',
    ]);
  });

  it('answers a parse error privately', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.executeText(bo, 'dance <!channel>');

    expect(replies).toEqual([
      {
        visibility: 'private',
        text: '⟦Unknown command "dance". Try one of: create, join, leave, wishlist, exclude, household, contact, list, draw, status, who, cancel, help. Type /santa help for more.⟧',
      },
    ]);
  });

  it('hides an unexpected failure', async () => {
    const bot = createTestBot();
    bot.store.close();

    const replies = await bot.santa.executeText(bo, 'join');

    expect(replies).toEqual([
      { visibility: 'private', text: 'Something went wrong on our side. Please try again in a minute.' },
    ]);
  });
});
