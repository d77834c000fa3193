import { describe, expect, it } from 'vitest';

import type { Reply } from '../../src/bot/commands/types.js';
import { createTestBot, slackUser } from './helpers.js';

/** Everything a reply says outside the escaped ⟦ ⟧ parts, which is what the bot itself wrote. */
function unescapedParts(replies: readonly Reply[]): string {
  return replies.map((reply) => reply.text.replace(/⟦[^⟦⟧]*⟧/gu, '')).join('\n');
}

const HOSTILE = ['<!channel>', '@everyone', '<@U999>', '*bold*'];

describe('escaping of user-typed text', () => {
  it('escapes names, wishlists and exchange names everywhere', async () => {
    const bot = createTestBot();
    const organiser = slackUser('UANN', '<!channel> *Ann*');
    const bo = slackUser('UBO', '@everyone <@U999>');
    const cy = slackUser('UCY', 'Cy');
    const replies: Reply[] = [];
    const run = async (ctx: ReturnType<typeof slackUser>, text: string): Promise<void> => {
      replies.push(...(await bot.santa.executeText(ctx, text)));
    };

    await run(organiser, 'create name="<!channel> @everyone *party*" budget="<@U999>"');
    for (const person of [organiser, bo, cy]) await run(person, 'join');
    await run(bo, 'wishlist <!channel> @everyone *bold*');
    await run(bo, 'wishlist');
    await run(organiser, 'exclude <@UBO> <@UCY> both');
    await run(organiser, 'household <@UANN> <@UBO>');
    await run(cy, 'list');
    await run(organiser, 'status');
    await run(organiser, 'draw');
    await run(organiser, 'status');
    await run(bo, 'status');
    await run(organiser, 'cancel');

    expect(replies).toHaveLength(14);
    const written = unescapedParts(replies);
    for (const hostile of HOSTILE) expect(written).not.toContain(hostile);
    expect(replies.map((reply) => reply.text).join('\n')).toContain('⟦<!channel> *Ann*⟧');
  });

  it('escapes a rejected value whole', async () => {
    const bot = createTestBot();

    const replies = await bot.santa.executeText(slackUser('UANN', 'Ann'), 'create date="<!channel>"');

    expect(replies).toHaveLength(1);
    expect(replies[0]?.text.startsWith('⟦"<!channel>" is not a valid date.')).toBe(true);
    expect(replies[0]?.text.endsWith('⟧')).toBe(true);
  });
});
