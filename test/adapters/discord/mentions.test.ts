import { afterEach, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from './harness.js';
import { ann, bob, everyone } from './people.js';

const ZWSP = '\u200b';

describe('Discord mentions', () => {
  let harness: Harness;
  afterEach(async () => harness?.stop());

  it('@everyone in a wishlist does not ping', async () => {
    harness = await startHarness();
    const { discord, store } = harness;
    const created = await discord.waitForAnswer(discord.command(ann, 'create', { name: '@here party' }));
    for (const person of everyone) await discord.waitForAnswer(discord.command(person, 'join'));

    const opened = await discord.waitForAnswer(discord.command(bob, 'wishlist'));
    const submitted = discord.submitModal(bob, 'santa:wishlist', {
      wishlist: '@everyone wants *socks* from <@1100000000000000101>',
    });
    const saved = await discord.waitForAnswer(submitted);
    const reopened = await discord.waitForAnswer(discord.command(bob, 'wishlist'));
    await discord.waitForAnswer(discord.command(ann, 'draw'));
    await discord.waitFor(
      () => everyone.every((person) => discord.dmsTo(person.id).length === 1),
      'a DM to everyone',
    );

    expect(created[0]?.content).toBe(
      `<@1100000000000000101> started the Secret Santa **@${ZWSP}here party**.\nType \`/santa join\` to take part.`,
    );
    expect(opened.map((message) => [message.callbackType, message.body.custom_id])).toEqual([
      [9, 'santa:wishlist'],
    ]);
    expect(saved.map((message) => message.ephemeral)).toEqual([true]);
    expect(saved[0]?.content).toContain(
      `@${ZWSP}everyone wants \\*socks\\* from <${ZWSP}@1100000000000000101>`,
    );
    expect(JSON.stringify(reopened[0]?.body.components)).toContain(
      '"value":"@everyone wants *socks* from <@1100000000000000101>"',
    );

    const exchange = store.listExchanges({ platform: 'discord' })[0];
    const bobId = store.findParticipantByUser(exchange?.id ?? 0, bob.id)?.id;
    const draw = store.getLatestDraw(exchange?.id ?? 0);
    const giverOfBob = store
      .listAssignments(draw?.id ?? 0)
      .find((pair) => pair.recipientId === bobId)?.giverId;
    const giver = store.getParticipant(giverOfBob ?? 0);
    const [reveal] = discord.dmsTo(giver?.platformUserId ?? '');
    expect(reveal?.content).toBe(
      `Hi ${giver?.displayName},\n\nYou are the Secret Santa for Bob in "@${ZWSP}here party".\n` +
        `Bob's wishlist: @${ZWSP}everyone wants \\*socks\\* from <${ZWSP}@1100000000000000101>\n\nKeep it secret!\n`,
    );

    const withContent = discord.sent.filter((message) => message.content !== null);
    expect(withContent.length).toBeGreaterThan(10);
    for (const message of withContent) {
      expect(message.allowedMentions).toEqual({ parse: [] });
      expect(message.content).not.toMatch(/@(everyone|here)/u);
    }
  });
});
