import { escapeMarkdown } from 'discord.js';

import type { TextFormat } from '../../bot/commands/types.js';

/** Discord rejects message content longer than this many characters (API error 50035). */
export const MAX_MESSAGE_LENGTH = 2000;

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Formats text as Discord markdown. `escape` makes user-typed text inert: markdown, headings, lists and
 * masked links are escaped, `@everyone` and `@here` get a zero-width space after the `@`, and mention
 * syntax (`<@id>`, `<@&id>`, `<#id>`, `</command:id>`) gets one after the `<`. Every message also sets
 * `allowedMentions: { parse: [] }`, so this is the second of two guards against pings.
 */
export const discordFormat: TextFormat = {
  escape: (userText) => neutraliseMentions(escapeAll(userText)),
  bold: (text) => `**${text}**`,
  mention: (userId) => `<@${userId}>`,
  code: (text) => `\`${text.replaceAll('`', 'ˋ')}\``,
};

/** Cuts `text` to Discord's message length limit, ending with an ellipsis when it was cut. */
export function fitMessage(text: string): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;

  // Cut before a surrogate pair rather than through it.
  let end = MAX_MESSAGE_LENGTH - 1;
  if (/[\uD800-\uDBFF]/u.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

function escapeAll(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/giu, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(?=[@#/])/gu, `<${ZERO_WIDTH_SPACE}`);
}
