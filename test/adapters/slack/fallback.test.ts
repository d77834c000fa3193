import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { slackFormat } from '../../../src/adapters/slack/format.js';
import { problems, statusForOrganiser, type GiverState } from '../../../src/bot/texts/commands.js';
import { unreachableText } from '../../../src/bot/texts/reveal.js';
import { SlackHarness } from './harness.js';

const PEOPLE = [
  { id: 'U0ANN', displayName: 'Ann' },
  { id: 'U0BO', displayName: 'Bo' },
  { id: 'U0CY', displayName: 'Cy' },
];
const ORGANISER = 'U0ANN';
const BO_PHONE = '+447911123456';

describe('Slack DM fallback', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness({ withSms: true }).start();
    for (const person of PEOPLE) {
      harness.slack.addUser({
        id: person.id,
        name: person.displayName.toLowerCase(),
        displayName: person.displayName,
      });
    }
    await harness.command(ORGANISER, 'create Office');
    for (const person of PEOPLE) await harness.command(person.id, 'join');
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('falls back to SMS when the DM fails with user_not_found', async () => {
    await harness.command('U0BO', `contact phone=${BO_PHONE}`);
    harness.slack.failUser('U0BO', 'user_not_found');

    await harness.command(ORGANISER, 'draw');
    const summary = await harness.worker.drainUntilIdle();

    expect(summary.fellBack).toBe(1);
    expect(summary.sentByChannel).toEqual({ slack: 2, sms: 1 });
    expect(harness.twilio.messagesTo(BO_PHONE)).toHaveLength(1);
    expect(harness.twilio.messagesTo(BO_PHONE)[0]?.body).toMatch(
      /^Hi Bo! You are the Secret Santa for (Ann|Cy) in "Office"\./u,
    );
    expect(harness.slack.dmsTo('U0BO')).toHaveLength(0);
    expect(harness.slack.dmsTo('U0ANN')).toHaveLength(1);
    expect(harness.slack.dmsTo('U0CY')).toHaveLength(1);
  });

  it('tells the organiser when no fallback is left', async () => {
    harness.slack.failUser('U0CY', 'cannot_dm_bot');

    await harness.command(ORGANISER, 'draw');
    const summary = await harness.worker.drainUntilIdle();

    expect(summary.unreachableGivers).toBe(1);
    expect(harness.twilio.messages).toHaveLength(0);
    expect(harness.slack.dmsTo('U0BO')).toHaveLength(1);
    const organiserDms = harness.slack.dmsTo(ORGANISER);
    expect(organiserDms).toHaveLength(2);
    const notice = organiserDms.find((dm) => String(dm.args.text).includes('could not tell'));
    expect(notice?.args.text).toBe(
      unreachableText({
        purpose: 'unreachable',
        giverName: 'Cy',
        exchangeName: 'Office',
        triedChannels: ['slack'],
      }).trim(),
    );
    // The notice is a DM to the organiser alone; the channel hears nothing about it.
    expect(harness.channelMessages().some((text) => text.includes('Cy'))).toBe(false);
  });

  it('shows the unreachable person in the organiser status', async () => {
    harness.slack.failUser('U0CY', 'user_disabled');
    await harness.command(ORGANISER, 'draw');
    await harness.worker.drainUntilIdle();

    await harness.command(ORGANISER, 'status');

    const told: GiverState = { kind: 'told', channel: 'slack' };
    expect(harness.repliesTo(ORGANISER).at(-1)?.text).toBe(
      statusForOrganiser(slackFormat, 'Office', [
        { name: 'Ann', state: told },
        { name: 'Bo', state: told },
        { name: 'Cy', state: { kind: 'unreachable' } },
      ]),
    );
  });

  it('retries a rate-limited DM after Retry-After and sends it once', async () => {
    await harness.command(ORGANISER, 'draw');
    harness.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const summary = await harness.worker.drainUntilIdle();

    expect(summary.retried).toBe(1);
    expect(summary.sent).toBe(PEOPLE.length);
    for (const person of PEOPLE) expect(harness.slack.dmsTo(person.id)).toHaveLength(1);
  });

  it('refuses a non-organiser draw even with a fallback configured', async () => {
    await harness.command('U0CY', 'draw');

    expect(harness.repliesTo('U0CY').at(-1)?.text).toBe(problems.organiserOnly('draw'));
    expect(harness.twilio.messages).toHaveLength(0);
  });
});
