import type { TextFormat } from '../../bot/commands/types.js';

/** A Slack user id (`U…`, or `W…` on Enterprise Grid). */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * Escapes text that a person typed for Slack mrkdwn. Slack reads `<…>` as a link or a mention
 * (`<!everyone>`, `<@U1>`, `<#C1>`) and `&` as the start of an entity, so these three characters are
 * the ones its formatting reference asks apps to escape. Other mrkdwn marks (`*`, `_`, `~`) can only
 * change the look of the text, never ping anyone, so they stay.
 */
export function escapeMrkdwn(userText: string): string {
  return userText.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** Text formatting for Slack messages (mrkdwn). */
export const slackFormat: TextFormat = {
  escape: escapeMrkdwn,
  bold: (text) => `*${text}*`,
  mention: (userId, fallbackName) => (USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(fallbackName)),
  code: (text) => `\`${text}\``,
};

/**
 * Undoes Slack's escaping of `&`, `<` and `>` in text it sends us, such as a slash command's text, so
 * that the store keeps what the person typed. `&amp;` goes last, so `&amp;lt;` becomes `&lt;`.
 * NOTE: this assumes Slack encodes these three characters in slash command text as it does in message
 * text; the fakes encode them that way, but no live workspace has confirmed it.
 */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');
}
