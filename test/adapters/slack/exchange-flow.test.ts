import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { slackFormat } from '../../../src/adapters/slack/format.js';
import {
  alreadyDrawn,
  drawAnnounced,
  exchangeCreated,
  problems,
  statusForOrganiser,
} from '../../../src/bot/texts/commands.js';
import { SlackHarness } from './harness.js';

const PEOPLE = [
  { id: 'U0ANN', displayName: 'Ann' },
  { id: 'U0BO', displayName: 'Bo' },
  { id: 'U0CY', displayName: 'Cy' },
  { id: 'U0DEE', displayName: 'Dee' },
];
const ORGANISER = 'U0ANN';

/** The recipient a DM names, read from its section block. */
function recipientIn(blocks: unknown): string | undefined {
  const section = (blocks as { type: string; text?: { text: string } }[]).find(
    (block) => block.type === 'section',
  );
  return /You are the Secret Santa for (.+) in "/u.exec(section?.text?.text ?? '')?.[1];
}

describe('Slack exchange end to end', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness().start();
    for (const person of PEOPLE) {
      harness.slack.addUser({
        id: person.id,
        name: person.displayName.toLowerCase(),
        displayName: person.displayName,
      });
    }
  });

  afterEach(async () => {
    await harness.stop();
  });

  async function createAndJoinAll(): Promise<void> {
    await harness.command(ORGANISER, 'create Office 2026 budget=£20 date=2026-12-18');
    for (const person of PEOPLE) await harness.command(person.id, 'join');
  }

  it('runs from create to a DM for every giver', async () => {
    await createAndJoinAll();
    await harness.command('U0BO', 'wishlist board games & <b>books</b>');
    await harness.command(ORGANISER, 'draw');
    const summary = await harness.worker.drainUntilIdle();

    expect(summary.sent).toBe(PEOPLE.length);
    expect(summary.sentByChannel).toEqual({ slack: PEOPLE.length });
    const exchange = harness.store.listExchanges()[0];
    expect(exchange?.status).toBe('drawn');
    expect(harness.channelMessages()).toEqual([
      exchangeCreated(slackFormat, { ...exchange!, status: 'open' }),
      drawAnnounced(slackFormat, 'Office 2026', PEOPLE.length),
    ]);
    expect(harness.channelMessages()[0]).toContain('<@U0ANN>');
    const draw = harness.store.getLatestDraw(exchange?.id ?? 0);
    const participants = harness.store.listParticipants(exchange?.id ?? 0);
    const nameOf = new Map(participants.map((person) => [person.id, person.displayName]));
    const userOf = new Map(participants.map((person) => [person.id, person.platformUserId]));

    for (const assignment of harness.store.listAssignments(draw?.id ?? 0)) {
      const dms = harness.slack.dmsTo(userOf.get(assignment.giverId) ?? '');
      expect(dms).toHaveLength(1);
      expect(recipientIn(dms[0]?.args.blocks)).toBe(nameOf.get(assignment.recipientId));
    }
  });

  it('stores the wishlist as typed and shows it escaped', async () => {
    await createAndJoinAll();
    await harness.command('U0BO', 'wishlist board games &amp; &lt;b&gt;books&lt;/b&gt;');

    const exchange = harness.store.listExchanges()[0];
    const bo = harness.store.findParticipantByUser(exchange?.id ?? 0, 'U0BO');
    expect(bo?.wishlist).toBe('board games & <b>books</b>');
    expect(harness.repliesTo('U0BO').at(-1)?.text).toContain('board games &amp; &lt;b&gt;books&lt;/b&gt;');
  });

  it('shows the organiser who was told, never who drew whom', async () => {
    await createAndJoinAll();
    await harness.command(ORGANISER, 'draw');
    await harness.worker.drainUntilIdle();

    await harness.command(ORGANISER, 'status');

    const told = { kind: 'told', channel: 'slack' } as const;
    expect(harness.repliesTo(ORGANISER).at(-1)).toEqual({
      type: 'ephemeral',
      text: statusForOrganiser(
        slackFormat,
        'Office 2026',
        PEOPLE.map((person) => ({ name: person.displayName, state: told })),
      ),
    });
  });

  it('sends a giver their recipient again on /santa who', async () => {
    await createAndJoinAll();
    await harness.command(ORGANISER, 'draw');
    await harness.worker.drainUntilIdle();

    await harness.command('U0CY', 'who');
    await harness.worker.drainUntilIdle();

    const dms = harness.slack.dmsTo('U0CY');
    expect(dms).toHaveLength(2);
    expect(recipientIn(dms[1]?.args.blocks)).toBe(recipientIn(dms[0]?.args.blocks));
  });

  it('refuses a draw by someone who is not the organiser', async () => {
    await createAndJoinAll();

    await harness.command('U0BO', 'draw');

    expect(harness.repliesTo('U0BO').at(-1)).toEqual({
      type: 'ephemeral',
      text: problems.organiserOnly('draw'),
    });
    expect(harness.store.listExchanges()[0]?.status).toBe('open');
    expect(harness.slack.callsOf('conversations.open')).toHaveLength(0);
  });

  it('refuses a cancel by someone who is not the organiser', async () => {
    await createAndJoinAll();

    await harness.command('U0DEE', 'cancel');

    expect(harness.repliesTo('U0DEE').at(-1)?.text).toBe(problems.organiserOnly('cancel'));
    expect(harness.store.listExchanges()[0]?.status).toBe('open');
  });

  it('runs a retried draw request once', async () => {
    await createAndJoinAll();

    const first = await harness.send(ORGANISER, 'draw', { triggerId: 'trigger-draw' });
    const retry = await harness.send(
      ORGANISER,
      'draw',
      { triggerId: 'trigger-draw' },
      { retryNum: 1, retryReason: 'http_timeout' },
    );
    await harness.adapter.idle();
    await harness.worker.drainUntilIdle();

    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(harness.channelMessages().filter((text) => text.startsWith('The draw for'))).toHaveLength(1);
    // The retry was recognised by its trigger id and not run at all, so it got no reply either.
    expect(harness.repliesTo(ORGANISER).map((reply) => reply.text)).not.toContain(
      alreadyDrawn(slackFormat, 'Office 2026'),
    );
    for (const person of PEOPLE) expect(harness.slack.dmsTo(person.id)).toHaveLength(1);
  });

  it('makes one draw from two concurrent requests', async () => {
    await createAndJoinAll();

    const responses = await Promise.all([harness.send(ORGANISER, 'draw'), harness.send(ORGANISER, 'draw')]);
    await harness.adapter.idle();
    await harness.worker.drainUntilIdle();

    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    const draw = harness.store.getLatestDraw(exchangeId);
    expect(harness.store.listDeliveries(draw?.id ?? 0)).toHaveLength(PEOPLE.length);
    expect(harness.channelMessages().filter((text) => text.startsWith('The draw for'))).toHaveLength(1);
    expect(harness.repliesTo(ORGANISER).at(-1)?.text).toBe(alreadyDrawn(slackFormat, 'Office 2026'));
    for (const person of PEOPLE) expect(harness.slack.dmsTo(person.id)).toHaveLength(1);
  });

  it('keeps a second join harmless', async () => {
    await createAndJoinAll();

    await harness.command('U0BO', 'join');

    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    expect(harness.store.listParticipants(exchangeId)).toHaveLength(PEOPLE.length);
  });

  it('reads mentions in exclude', async () => {
    await createAndJoinAll();

    await harness.command('U0CY', 'exclude <@U0BO|bo>');

    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    const cy = harness.store.findParticipantByUser(exchangeId, 'U0CY');
    const bo = harness.store.findParticipantByUser(exchangeId, 'U0BO');
    expect(harness.store.listExclusions(exchangeId)).toEqual([
      { exchangeId, giverId: cy?.id, recipientId: bo?.id },
    ]);
  });

  it('reads escaped email and phone links in contact', async () => {
    await createAndJoinAll();

    await harness.command(
      'U0DEE',
      'contact <mailto:dee@Example.org|dee@Example.org> <tel:+447911123456|+447911123456>',
    );

    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    const dee = harness.store.findParticipantByUser(exchangeId, 'U0DEE');
    expect(dee?.email).toBe('dee@example.org');
    expect(dee?.phone).toBe('+447911123456');
    expect(harness.repliesTo('U0DEE').at(-1)?.type).toBe('ephemeral');
  });

  it('announces through the response_url when the app is not in the channel', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'not_in_channel' });

    await harness.command(ORGANISER, 'create Office');

    expect(harness.channelMessages()).toEqual([]);
    const [reply] = harness.repliesTo(ORGANISER);
    expect(reply?.type).toBe('in_channel');
    expect(reply?.text).toContain('*Office*');
  });

  it('uses the Slack username when users.info fails', async () => {
    await harness.command(ORGANISER, 'create Office');

    await harness.command('U0NEW', 'join', { userName: 'new.person' });

    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    expect(harness.store.findParticipantByUser(exchangeId, 'U0NEW')?.displayName).toBe('new.person');
  });

  it('answers an unknown subcommand with private help', async () => {
    await harness.command('U0ANN', 'dance');

    expect(harness.repliesTo('U0ANN')).toEqual([
      { type: 'ephemeral', text: slackFormat.escape(problems.unknownCommand('dance')) },
    ]);
  });
});
