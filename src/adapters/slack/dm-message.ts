import type { types } from '@slack/bolt';

import type { MessageContent, RevealContent, UnreachableContent } from '../../bot/ports.js';
import { escapeContent, revealEmail, revealText, unreachableText } from '../../bot/texts/reveal.js';
import { revealFooter, revealHeader } from '../../bot/texts/slack.js';
import { escapeMrkdwn } from './format.js';

/** Slack's limit on a section block's text, in characters. */
const SECTION_MAX = 3_000;

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: types.KnownBlock[];
}

/**
 * Builds the Block Kit DM for a reveal or an unreachable notice. Every value a person typed is escaped
 * for mrkdwn. The notification text of a reveal never names the recipient, because phones show it on
 * the lock screen.
 */
export function buildDmMessage(content: MessageContent): SlackMessage {
  return content.purpose === 'reveal' ? buildReveal(content) : buildUnreachable(content);
}

function buildReveal(content: RevealContent): SlackMessage {
  const escaped = escapeContent(content, escapeMrkdwn);

  return {
    text: revealEmail(escaped).subject,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: revealHeader, emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(revealText(escaped).trim(), SECTION_MAX) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: revealFooter }] },
    ],
  };
}

function buildUnreachable(content: UnreachableContent): SlackMessage {
  const escaped = escapeContent(content, escapeMrkdwn);
  const text = unreachableText(escaped).trim();

  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_MAX) } }] };
}

/** Shortens text to `max` characters with an ellipsis, never splitting an `&amp;`-style entity. */
function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .replace(/&[a-z]*$/u, '')}…`;
}
