/**
 * Splits Slack's `/santa` text into words and reads Slack's markup in them. Slack sends mentions as
 * `<@U123|name>` or `<@U123>`, broadcasts as `<!channel>`, and, when the slash command escapes links,
 * email addresses as `<mailto:ann@example.com|ann@example.com>` and numbers as `<tel:...|...>`.
 */
import { UserError } from '../errors.js';
import { problems } from '../texts/commands.js';
import type { UserRef } from './types.js';

/** Quote pairs accepted around values. macOS smart-quote substitution can turn "..." into “...” as people type. */
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '“' };

/**
 * Splits text at white space. A quoted part, which may start inside a word as in `name="Office 2026"`,
 * keeps its spaces and loses its quotes; Slack's `<...>` markup is never split.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let closingQuote: string | null = null;
  let inMarkup = false;

  for (const char of text) {
    if (closingQuote !== null) {
      if (char === closingQuote) closingQuote = null;
      else current += char;
      continue;
    }
    if (inMarkup) {
      current += char;
      if (char === '>') inMarkup = false;
      continue;
    }
    if (/\s/u.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }

    inToken = true;
    const quote = CLOSING_QUOTE[char];
    if (quote !== undefined) {
      closingQuote = quote;
    } else {
      if (char === '<') inMarkup = true;
      current += char;
    }
  }

  if (closingQuote !== null) throw new UserError('BAD_ARGUMENT', problems.unclosedQuote(current), current);
  if (inToken) tokens.push(current);
  return tokens;
}

const USER_MENTION = /^<@([A-Za-z0-9]+)(?:\|([^>]*))?>$/u;
const DISCORD_USER_MENTION = /^<@!?(\d+)>$/u;
const BROADCAST_WORDS = new Set(['@everyone', '@here', '@channel']);

/**
 * Returns the user a word mentions, or null when the word is no user mention. Broadcasts (`<!here>`,
 * `@everyone`), user groups and channels throw, because they name no single person.
 */
export function readMention(word: string): UserRef | null {
  const discord = DISCORD_USER_MENTION.exec(word);
  if (discord !== null) return { userId: discord[1] as string };

  const slack = USER_MENTION.exec(word);
  if (slack !== null) {
    const name = slack[2]?.trim();
    return name ? { userId: slack[1] as string, name } : { userId: slack[1] as string };
  }

  if (word.startsWith('<!') || word.startsWith('<#') || BROADCAST_WORDS.has(word.toLowerCase())) {
    throw new UserError('BAD_ARGUMENT', problems.notAPerson(unwrapMarkup(word)), word);
  }
  return null;
}

/**
 * Returns text with Slack's markup turned into what a person sees: links become their label (or the
 * address), mentions become `@name`, channels `#name` and broadcasts `@here`. Used for free text
 * such as wishlists, which are shown again later with the platform's own escaping.
 */
export function unwrapMarkup(text: string): string {
  return text.replace(/<([^<>]*)>/gu, (whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^@/u, '').split('^')[0]}`;
    if (/^(mailto|tel):/u.test(target)) return label ?? target.replace(/^(mailto|tel):/u, '');
    if (/^[a-z][a-z0-9+.-]*:/iu.test(target)) {
      return label !== undefined && label !== target ? `${label} (${target})` : target;
    }
    return whole;
  });
}
