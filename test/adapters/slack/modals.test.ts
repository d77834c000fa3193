import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { slackFormat } from '../../../src/adapters/slack/format.js';
import { problems, wishlistSaved } from '../../../src/bot/texts/commands.js';
import { slackReplies } from '../../../src/bot/texts/slack.js';
import { SlackHarness } from './harness.js';

const ORGANISER = 'U0ANN';

/** Input values in the shape Slack submits them. */
function createValues(
  overrides: {
    name?: string;
    budget?: string;
    date?: string | null;
    avoidPast?: string;
    rules?: string[];
  } = {},
) {
  return {
    name: { value: { type: 'plain_text_input', value: overrides.name ?? 'Office 2026' } },
    budget: { value: { type: 'plain_text_input', value: overrides.budget ?? null } },
    date: { value: { type: 'datepicker', selected_date: overrides.date ?? null } },
    rules: {
      value: {
        type: 'checkboxes',
        selected_options: (overrides.rules ?? []).map((value) => ({
          value,
          text: { type: 'plain_text', text: value },
        })),
      },
    },
    avoid_past: { value: { type: 'number_input', value: overrides.avoidPast ?? '0' } },
  };
}

describe('Slack modals', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness().start();
    harness.slack.addUser({ id: ORGANISER, name: 'ann', displayName: 'Ann' });
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('opens the create modal for a bare /santa create', async () => {
    await harness.command(ORGANISER, 'create', { triggerId: 'trigger-create' });

    const [call] = harness.slack.callsOf('views.open');
    expect(call?.args.trigger_id).toBe('trigger-create');
    const view = harness.lastOpenedView();
    expect(view.callback_id).toBe('santa_create');
    expect((view.blocks as { block_id: string }[]).map((block) => block.block_id)).toEqual([
      'name',
      'budget',
      'date',
      'rules',
      'avoid_past',
    ]);
    expect(harness.store.listExchanges()).toEqual([]);
  });

  it('creates the exchange from a valid submission', async () => {
    await harness.command(ORGANISER, 'create');

    const response = await harness.submitView(
      ORGANISER,
      harness.lastOpenedView(),
      createValues({
        budget: '£20',
        date: '2026-12-18',
        avoidPast: '2',
        rules: ['no_reciprocal', 'single_loop'],
      }),
    );

    expect(response).toEqual({ status: 200, body: '' });
    const [exchange] = harness.store.listExchanges();
    expect(exchange).toMatchObject({
      name: 'Office 2026',
      budget: '£20',
      exchangeDate: '2026-12-18',
      channelId: 'C0SANTA',
      organiserId: ORGANISER,
      rules: { noReciprocal: true, singleLoop: true, avoidPast: 2 },
    });
    expect(harness.channelMessages()).toHaveLength(1);
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name'],
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    ['too many past exchanges', { avoidPast: '11' }, 'avoid_past'],
    ['a fractional count', { avoidPast: '1.5' }, 'avoid_past'],
    ['a budget too long', { budget: 'x'.repeat(41) }, 'budget'],
  ])('shows %s as an error in the modal', async (_label, overrides, block) => {
    await harness.command(ORGANISER, 'create');

    const response = await harness.submitView(ORGANISER, harness.lastOpenedView(), createValues(overrides));

    expect(response.status).toBe(200);
    const answer = JSON.parse(response.body) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([block]);
    expect(answer.errors[block]).not.toBe('');
    expect(harness.store.listExchanges()).toEqual([]);
  });

  it('names the problem with the same words as the typed command', async () => {
    await harness.command(ORGANISER, 'create');

    const response = await harness.submitView(
      ORGANISER,
      harness.lastOpenedView(),
      createValues({ name: '' }),
    );

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: { name: problems.missingExchangeName() },
    });
  });

  it('answers a bare create in a busy channel without a modal', async () => {
    await harness.command(ORGANISER, 'create Office');

    await harness.command('U0BO', 'create');

    expect(harness.slack.callsOf('views.open')).toHaveLength(0);
    expect(harness.repliesTo('U0BO').at(-1)?.text).toBe(
      slackFormat.escape(problems.exchangeExists('Office')),
    );
  });

  it('tells the person privately when the modal cannot open', async () => {
    harness.slack.failNext('views.open', { error: 'expired_trigger_id' });

    await harness.command(ORGANISER, 'create');

    expect(harness.repliesTo(ORGANISER)).toEqual([{ type: 'ephemeral', text: slackReplies.formUnavailable }]);
  });

  it('opens the wishlist modal with the saved wishlist and saves the new one', async () => {
    await harness.command(ORGANISER, 'create Office');
    await harness.command(ORGANISER, 'join');
    await harness.command(ORGANISER, 'wishlist socks');

    await harness.command(ORGANISER, 'wishlist');
    const view = harness.lastOpenedView();
    const input = (view.blocks as { element: { initial_value?: string } }[])[0]?.element;
    expect(view.callback_id).toBe('santa_wishlist');
    expect(input?.initial_value).toBe('socks');

    const typed = 'Books & <!everyone> games';
    await harness.submitView(ORGANISER, view, {
      wishlist: { value: { type: 'plain_text_input', value: typed } },
    });

    const exchangeId = harness.store.listExchanges()[0]?.id ?? 0;
    expect(harness.store.findParticipantByUser(exchangeId, ORGANISER)?.wishlist).toBe(typed);
    // The reply goes to the response_url of the command that opened the modal.
    expect(harness.repliesTo(ORGANISER).at(-1)).toEqual({
      type: 'ephemeral',
      text: wishlistSaved(slackFormat, typed),
    });
    expect(harness.repliesTo(ORGANISER).at(-1)?.text).not.toContain('<!everyone>');
  });

  it('answers a bare wishlist from someone who has not joined without a modal', async () => {
    await harness.command(ORGANISER, 'create Office');

    await harness.command('U0BO', 'wishlist');

    expect(harness.slack.callsOf('views.open')).toHaveLength(0);
    expect(harness.repliesTo('U0BO').at(-1)?.text).toBe(slackFormat.escape(problems.notJoined()));
  });

  it('shows a wishlist too long as an error in the modal', async () => {
    await harness.command(ORGANISER, 'create Office');
    await harness.command(ORGANISER, 'join');
    await harness.command(ORGANISER, 'wishlist');

    const response = await harness.submitView(ORGANISER, harness.lastOpenedView(), {
      wishlist: { value: { type: 'plain_text_input', value: 'x'.repeat(1_001) } },
    });

    expect(Object.keys((JSON.parse(response.body) as { errors: object }).errors)).toEqual(['wishlist']);
  });
});
