import { describe, expect, it } from 'vitest';

import { countSmsSegments, fitsSms, isGsm7 } from '../../src/bot/delivery/sms-segments.js';
import {
  revealEmail,
  revealSms,
  revealText,
  unreachableEmail,
  unreachableSms,
  unreachableText,
} from '../../src/bot/texts/reveal.js';
import type { UnreachableContent } from '../../src/bot/ports.js';
import { revealContent } from './envelopes.js';

const unreachable: UnreachableContent = {
  purpose: 'unreachable',
  giverName: 'Ann',
  exchangeName: 'Office 2026',
  triedChannels: ['slack', 'sms'],
};

describe('reveal texts', () => {
  it('plain text greets, names and lists the details', () => {
    expect(revealText(revealContent())).toMatchInlineSnapshot(`
      "Hi Ann,

      You are the Secret Santa for Bo in "Family 2026".
      Budget: £20
      Exchange date: 2026-12-24
      Bo's wishlist: books, warm socks

      Keep it secret!
      "
    `);
  });

  it('plain text leaves out what is not set', () => {
    const text = revealText(revealContent({ budget: null, exchangeDate: null, wishlist: null }));

    expect(text).toBe('Hi Ann,\n\nYou are the Secret Santa for Bo in "Family 2026".\n\nKeep it secret!\n');
  });

  it('email subject does not name the recipient', () => {
    const email = revealEmail(revealContent());

    expect(email.subject).toBe('Your Secret Santa draw for "Family 2026"');
    expect(email.subject).not.toContain('Bo');
    expect(email.text).toBe(revealText(revealContent()));
  });

  it('SMS keeps a short message whole', () => {
    expect(revealSms(revealContent())).toBe(
      'Hi Ann! You are the Secret Santa for Bo in "Family 2026". Budget: £20. Date: 2026-12-24. Wishlist: books, warm socks',
    );
  });

  it('SMS cuts a long GSM-7 wishlist to 306 characters', () => {
    const sms = revealSms(revealContent({ wishlist: 'board games and puzzles, '.repeat(20) }));

    expect(isGsm7(sms)).toBe(true);
    expect(sms.length).toBeLessThanOrEqual(306);
    expect(sms.length).toBeGreaterThan(296);
    expect(sms.endsWith('...')).toBe(true);
    expect(sms).toContain('for Bo in "Family 2026"');
    expect(countSmsSegments(sms)).toBe(2);
  });

  it('SMS cuts a long non-GSM wishlist to 134 UCS-2 units', () => {
    const sms = revealSms(revealContent({ wishlist: 'Bücher 📚 und Schokolade, '.repeat(10) }));

    expect(isGsm7(sms)).toBe(false);
    expect(sms.length).toBeLessThanOrEqual(134);
    expect(sms.length).toBeGreaterThan(124);
    expect(sms.endsWith('…')).toBe(true);
    expect(countSmsSegments(sms)).toBe(2);
  });

  it('SMS counts extension characters twice', () => {
    const sms = revealSms(revealContent({ budget: '€30', wishlist: '{[~]} '.repeat(60) }));

    expect(isGsm7(sms)).toBe(true);
    expect(fitsSms(sms)).toBe(true);
    expect(countSmsSegments(sms)).toBe(2);
  });

  it('SMS drops the wishlist before the recipient', () => {
    const sms = revealSms(
      revealContent({
        giverName: 'Ann ✨',
        exchangeName: 'Weihnachtswichteln der Familie Müller-Lüdenscheidt 2026',
        wishlist: 'Anything at all',
      }),
    );

    expect(sms).toContain('Secret Santa for Bo');
    expect(fitsSms(sms)).toBe(true);
  });

  it('SMS fits even with an absurd exchange name', () => {
    const sms = revealSms(revealContent({ giverName: 'Ann 🎄', exchangeName: 'x'.repeat(500) }));

    expect(sms).toContain('Secret Santa for Bo');
    expect(fitsSms(sms)).toBe(true);
  });
});

describe('countSmsSegments', () => {
  it.each([
    ['160 GSM-7 characters', 'a'.repeat(160), 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 2],
    ['306 GSM-7 characters', 'a'.repeat(306), 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 3],
    ['80 extension characters', '€'.repeat(80), 1],
    ['81 extension characters', '€'.repeat(81), 2],
    ['an escape pair across a boundary', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 3],
    ['70 UCS-2 units', 'ä'.repeat(69) + 'ł', 1],
    ['134 UCS-2 units', 'ł'.repeat(134), 2],
    ['135 UCS-2 units', 'ł'.repeat(135), 3],
  ])('%s', (_label, text, segments) => {
    expect(countSmsSegments(text)).toBe(segments);
  });
});

describe('unreachable notice', () => {
  it('names the giver and the channels tried, never a recipient', () => {
    expect(unreachableText(unreachable)).toBe(
      'Santa could not tell Ann who they drew in "Office 2026" (tried: Slack message, SMS). ' +
        'Ask them to check their direct messages or contact details, then send their draw again.\n',
    );
  });

  it('has an email and an SMS form', () => {
    expect(unreachableEmail(unreachable).subject).toBe(
      'Secret Santa "Office 2026": Ann could not be reached',
    );
    expect(fitsSms(unreachableSms(unreachable))).toBe(true);
  });
});
