/**
 * Texts that givers and organisers read when santa delivers: the reveal (whom a giver draws) and the
 * notice that a giver could not be reached. Every channel formats its message here, so translations can follow.
 */
import type { ChannelKind } from '../model.js';
import type { MessageContent, RevealContent, UnreachableContent } from '../ports.js';
import { fitSms } from '../delivery/sms-segments.js';

/** Channel names as messages show them to people. */
export const CHANNEL_LABELS: Readonly<Record<ChannelKind, string>> = {
  slack: 'Slack message',
  discord: 'Discord message',
  sms: 'SMS',
  email: 'email',
  file: 'outbox file',
};

export interface EmailText {
  subject: string;
  text: string;
}

/** Returns the reveal as plain text, for a file in the local outbox or a chat message. */
export function revealText(content: RevealContent): string {
  const lines = [
    `Hi ${content.giverName},`,
    '',
    `You are the Secret Santa for ${content.recipientName} in "${content.exchangeName}".`,
    ...detailLines(content),
    '',
    'Keep it secret!',
  ];
  return `${lines.join('\n')}\n`;
}

/** Returns the reveal as an email. The subject never names the recipient, because inboxes preview it. */
export function revealEmail(content: RevealContent): EmailText {
  return { subject: `Your Secret Santa draw for "${content.exchangeName}"`, text: revealText(content) };
}

/**
 * Returns the reveal as an SMS that fits in two segments: 306 GSM-7 characters, or 134 UCS-2
 * characters when a character outside GSM-7 occurs. A long wishlist is cut with an ellipsis first,
 * then dropped; a very long exchange name is cut last.
 */
export function revealSms(content: RevealContent): string {
  return fitSms((limits) => {
    const exchangeName = limits.exchangeName(content.exchangeName);
    const parts = [
      `Hi ${content.giverName}! You are the Secret Santa for ${content.recipientName} in "${exchangeName}".`,
    ];
    if (content.budget) parts.push(`Budget: ${content.budget}.`);
    if (content.exchangeDate) parts.push(`Date: ${content.exchangeDate}.`);
    const wishlist = content.wishlist ? limits.wishlist(oneLine(content.wishlist)) : null;
    if (wishlist) parts.push(`Wishlist: ${wishlist}`);
    return parts.join(' ');
  });
}

/** Returns the notice to the organiser as plain text. It names the giver and never the recipient. */
export function unreachableText(content: UnreachableContent): string {
  const tried = content.triedChannels.map((kind) => CHANNEL_LABELS[kind]);
  const how = tried.length > 0 ? ` (tried: ${tried.join(', ')})` : ' (no way to reach them is known)';
  return (
    `Santa could not tell ${content.giverName} who they drew in "${content.exchangeName}"${how}. ` +
    'Ask them to check their direct messages or contact details, then send their draw again.\n'
  );
}

/** Returns the notice to the organiser as an email. */
export function unreachableEmail(content: UnreachableContent): EmailText {
  return {
    subject: `Secret Santa "${content.exchangeName}": ${content.giverName} could not be reached`,
    text: unreachableText(content),
  };
}

/** Returns the notice as an SMS of at most two segments. */
export function unreachableSms(content: UnreachableContent): string {
  return fitSms((limits) => {
    const exchangeName = limits.exchangeName(content.exchangeName);
    return `Santa could not tell ${content.giverName} their Secret Santa draw in "${exchangeName}". Please ask them to check their contact details.`;
  });
}

/** Returns any message as plain text. */
export function messageText(content: MessageContent): string {
  return content.purpose === 'reveal' ? revealText(content) : unreachableText(content);
}

/** Returns any message as an email. */
export function messageEmail(content: MessageContent): EmailText {
  return content.purpose === 'reveal' ? revealEmail(content) : unreachableEmail(content);
}

/** Returns any message as an SMS of at most two segments. */
export function messageSms(content: MessageContent): string {
  return content.purpose === 'reveal' ? revealSms(content) : unreachableSms(content);
}

function detailLines(content: RevealContent): string[] {
  const lines: string[] = [];
  if (content.budget) lines.push(`Budget: ${content.budget}`);
  if (content.exchangeDate) lines.push(`Exchange date: ${content.exchangeDate}`);
  if (content.wishlist) lines.push(`${content.recipientName}'s wishlist: ${content.wishlist}`);
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Returns the content with every user-typed value (names, exchange name, budget, wishlist) passed
 * through `escape`, for channels whose markup could otherwise turn them into mentions or formatting.
 */
export function escapeContent<T extends MessageContent>(content: T, escape: (userText: string) => string): T {
  if (content.purpose === 'unreachable') {
    return { ...content, giverName: escape(content.giverName), exchangeName: escape(content.exchangeName) };
  }
  const reveal = content as RevealContent;
  return {
    ...reveal,
    giverName: escape(reveal.giverName),
    recipientName: escape(reveal.recipientName),
    exchangeName: escape(reveal.exchangeName),
    budget: reveal.budget === null ? null : escape(reveal.budget),
    wishlist: reveal.wishlist === null ? null : escape(reveal.wishlist),
  } as T;
}
