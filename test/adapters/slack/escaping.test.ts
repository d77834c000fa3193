import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SlackHarness } from './harness.js';

/** Markup that would ping people or link somewhere if it reached Slack unescaped. */
const DANGEROUS = [
  '<!everyone>',
  '<!channel>',
  '<!here>',
  '<@U0ANN>',
  '<#C0SANTA>',
  '<https://evil.example|x>',
];

describe('Slack escaping of what people typed', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness().start();
    harness.slack.addUser({ id: 'U0ANN', name: 'ann', displayName: 'Ann' });
    harness.slack.addUser({ id: 'U0BO', name: 'bo', displayName: '<!everyone> & <@U0ANN>' });
    harness.slack.addUser({ id: 'U0CY', name: 'cy', displayName: 'Cy <#C0SANTA>' });
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** Every text the app sent to Slack: channel posts, DMs, blocks and response_url replies. */
  function everythingSent(): string[] {
    const posted = harness.slack
      .callsOf('chat.postMessage')
      .flatMap((call) => [String(call.args.text), JSON.stringify(call.args.blocks ?? [])]);
    const replied = harness.slack.responses.map((response) => String(response.body.text));
    return [...posted, ...replied];
  }

  it('never sends typed mention markup back to Slack', async () => {
    // Slack escapes & < > in slash command text, so `&lt;!channel&gt;` is what a person typing
    // "<!channel>" literally produces.
    await harness.command('U0ANN', 'create Party &lt;!channel&gt; &amp; &lt;https://evil.example|x&gt;');
    for (const user of ['U0ANN', 'U0BO', 'U0CY']) await harness.command(user, 'join');
    await harness.command('U0BO', 'wishlist &lt;!here&gt; socks &amp; &lt;@U0ANN&gt;');
    await harness.command('U0ANN', 'list');
    await harness.command('U0ANN', 'draw');
    await harness.worker.drainUntilIdle();
    await harness.command('U0ANN', 'status');

    const sent = everythingSent();
    expect(sent.length).toBeGreaterThan(8);
    for (const text of sent) {
      for (const markup of DANGEROUS) {
        // The app's own mention of the organiser, by id, is the one intended exception.
        if (markup === '<@U0ANN>' && !text.includes('&lt;@U0ANN&gt;')) continue;
        expect(text).not.toContain(markup);
      }
    }
  });

  it('stores names and wishlists as typed', async () => {
    await harness.command('U0ANN', 'create Party &lt;!channel&gt;');
    await harness.command('U0BO', 'join');
    await harness.command('U0BO', 'wishlist &lt;!here&gt; socks &amp; more');

    const [exchange] = harness.store.listExchanges();
    const bo = harness.store.findParticipantByUser(exchange?.id ?? 0, 'U0BO');
    expect(exchange?.name).toBe('Party <!channel>');
    expect(bo?.displayName).toBe('<!everyone> & <@U0ANN>');
    expect(bo?.wishlist).toBe('<!here> socks & more');
  });

  it('shows escaped names in the channel list', async () => {
    await harness.command('U0ANN', 'create Party');
    await harness.command('U0BO', 'join');
    await harness.command('U0CY', 'join');

    await harness.command('U0ANN', 'list');

    const list = harness.repliesTo('U0ANN').at(-1)?.text ?? harness.channelMessages().at(-1) ?? '';
    expect(list).toContain('&lt;!everyone&gt; &amp; &lt;@U0ANN&gt;');
    expect(list).toContain('Cy &lt;#C0SANTA&gt;');
  });

  it('rejects a real broadcast in a command', async () => {
    await harness.command('U0ANN', 'create Party <!channel>');

    expect(harness.store.listExchanges()).toEqual([]);
    expect(harness.repliesTo('U0ANN').at(-1)?.type).toBe('ephemeral');
    expect(harness.repliesTo('U0ANN').at(-1)?.text).not.toContain('<!channel>');
  });
});
