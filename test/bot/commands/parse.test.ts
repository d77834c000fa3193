import { describe, expect, it } from 'vitest';

import { parseCommandText } from '../../../src/bot/commands/parse.js';
import type { SantaCommand } from '../../../src/bot/commands/types.js';
import { UserError } from '../../../src/bot/errors.js';

function parseError(text: string): UserError {
  try {
    parseCommandText(text);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseCommandText', () => {
  it.each<[string, SantaCommand]>([
    ['', { name: 'help' }],
    ['   ', { name: 'help' }],
    ['help', { name: 'help' }],
    ['help exclude', { name: 'help', topic: 'exclude' }],
    ['help nonsense', { name: 'help' }],
    ['join', { name: 'join' }],
    ['JOIN', { name: 'join' }],
    ['  leave  ', { name: 'leave' }],
    ['list', { name: 'list' }],
    ['draw', { name: 'draw' }],
    ['status', { name: 'status' }],
    ['who', { name: 'who' }],
    ['cancel', { name: 'cancel' }],
    ['create', { name: 'create' }],
    ['create Office party', { name: 'create', exchangeName: 'Office party' }],
    [
      'create name="Office 2026" budget=£20 date=2026-12-18 no-reciprocal single-loop avoid-past=2',
      {
        name: 'create',
        exchangeName: 'Office 2026',
        budget: '£20',
        date: '2026-12-18',
        rules: { noReciprocal: true, singleLoop: true, avoidPast: 2 },
      },
    ],
    [
      'create name=“Smart quotes” budget="20 EUR"',
      { name: 'create', exchangeName: 'Smart quotes', budget: '20 EUR' },
    ],
    ['create date=2028-02-29', { name: 'create', date: '2028-02-29' }],
    ['create avoid-past=0', { name: 'create', rules: { avoidPast: 0 } }],
    ['wishlist', { name: 'wishlist' }],
    ['wishlist  socks\n and a *good* book ', { name: 'wishlist', text: 'socks\n and a *good* book' }],
    [
      'wishlist <https://example.com/mug|a mug>',
      { name: 'wishlist', text: 'a mug (https://example.com/mug)' },
    ],
    ['wishlist same as <@U42|bo>', { name: 'wishlist', text: 'same as @bo' }],
    ['wishlist <!channel> socks', { name: 'wishlist', text: '@channel socks' }],
    ['wishlist 🧦 チョコレート', { name: 'wishlist', text: '🧦 チョコレート' }],
    [
      'exclude <@U1|ann>',
      { name: 'exclude', recipient: { userId: 'U1', name: 'ann' }, twoWay: false, remove: false },
    ],
    ['exclude <@U1>', { name: 'exclude', recipient: { userId: 'U1' }, twoWay: false, remove: false }],
    [
      'exclude <@U1> <@W2|bo> both',
      {
        name: 'exclude',
        giver: { userId: 'U1' },
        recipient: { userId: 'W2', name: 'bo' },
        twoWay: true,
        remove: false,
      },
    ],
    ['exclude remove <@U1>', { name: 'exclude', recipient: { userId: 'U1' }, twoWay: false, remove: true }],
    ['household <@U1> <@U2> <@U1>', { name: 'household', members: [{ userId: 'U1' }, { userId: 'U2' }] }],
    ['contact', { name: 'contact', clear: false }],
    ['contact clear', { name: 'contact', clear: true }],
  ])('parses %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });

  it.each<[string, { phone?: string; email?: string }]>([
    ['contact phone=+447911123456', { phone: '+447911123456' }],
    [
      'contact phone="+44 7911 123456" email=Ann@Example.COM',
      { phone: '+447911123456', email: 'Ann@example.com' },
    ],
    ['contact <tel:+14155552671|+1 415 555 2671>', { phone: '+14155552671' }],
    ['contact <mailto:ann@example.com|ann@example.com>', { email: 'ann@example.com' }],
    ['contact email=<mailto:ann@example.com|ann@example.com>', { email: 'ann@example.com' }],
  ])('normalises contact %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual({ name: 'contact', clear: false, ...expected });
  });

  it('reads national numbers in the default country', () => {
    expect(parseCommandText('contact 07911123456', { defaultCountry: 'GB' })).toEqual({
      name: 'contact',
      clear: false,
      phone: '+447911123456',
    });
  });

  it.each<[string, string, unknown]>([
    ['dance', 'UNKNOWN_COMMAND', 'dance'],
    ['@everyone', 'UNKNOWN_COMMAND', '@everyone'],
    ['<!channel>', 'UNKNOWN_COMMAND', '<!channel>'],
    ['join now', 'BAD_ARGUMENT', 'now'],
    ['create date=2026-02-30', 'INVALID_DATE', '2026-02-30'],
    ['create date=18/12/2026', 'INVALID_DATE', '18/12/2026'],
    ['create date=2027-02-29', 'INVALID_DATE', '2027-02-29'],
    ['create avoid-past=-1', 'BAD_ARGUMENT', '-1'],
    ['create avoid-past=11', 'BAD_ARGUMENT', '11'],
    ['create avoid-past', 'BAD_ARGUMENT', 'avoid-past'],
    ['create no-reciprocal=yes', 'BAD_ARGUMENT', 'no-reciprocal=yes'],
    ['create colour=red', 'BAD_ARGUMENT', 'colour=red'],
    ['create name="Office', 'BAD_ARGUMENT', 'name=Office'],
    ['create name="Office" extra', 'BAD_ARGUMENT', 'extra'],
    ['create name=""', 'MISSING_ARGUMENT', ''],
    [`create name="${'x'.repeat(81)}"`, 'TOO_LONG', 'x'.repeat(81)],
    [`create budget=${'£'.repeat(41)}`, 'TOO_LONG', '£'.repeat(41)],
    [`wishlist ${'w'.repeat(1001)}`, 'TOO_LONG', 1001],
    ['exclude', 'MISSING_ARGUMENT', ''],
    ['exclude ann', 'BAD_ARGUMENT', 'ann'],
    ['exclude @ann', 'BAD_ARGUMENT', '@ann'],
    ['exclude @everyone', 'BAD_ARGUMENT', '@everyone'],
    ['exclude <!channel>', 'BAD_ARGUMENT', '<!channel>'],
    ['exclude <!here>', 'BAD_ARGUMENT', '<!here>'],
    ['exclude <!subteam^S1|@team>', 'BAD_ARGUMENT', '<!subteam^S1|@team>'],
    ['exclude <#C1|general>', 'BAD_ARGUMENT', '<#C1|general>'],
    ['exclude <@U1> <@U2> <@U3>', 'BAD_ARGUMENT', '<@U3>'],
    ['household <@U1>', 'MISSING_ARGUMENT', '<@U1>'],
    ['household <@U1> <@U1>', 'MISSING_ARGUMENT', '<@U1> <@U1>'],
    ['contact phone=12', 'INVALID_PHONE', '12'],
    // Without quotes a number splits at its spaces.
    ['contact phone=+44 7911 123456', 'INVALID_PHONE', '+44'],
    ['contact phone=07911123456', 'INVALID_PHONE', '07911123456'],
    ['contact email=ann@', 'INVALID_EMAIL', 'ann@'],
    ['contact email=ann@example', 'INVALID_EMAIL', 'ann@example'],
    ['contact fax=123', 'BAD_ARGUMENT', 'fax=123'],
    ['contact clear phone=+447911123456', 'BAD_ARGUMENT', 'clear'],
  ])('rejects %j with %s', (text, code, value) => {
    const error = parseError(text);
    expect(error.code).toBe(code);
    expect(error.value).toEqual(value);
  });

  it('shows the usage after a bad argument', () => {
    expect(parseError('create date=2026-02-30').message).toMatchInlineSnapshot(
      `""2026-02-30" is not a valid date. Write a real calendar date as YYYY-MM-DD, for example 2026-12-18. Usage: /santa create name="Office 2026" budget=£20 date=2026-12-18 [no-reciprocal] [single-loop] [avoid-past=2]"`,
    );
  });

  it('lists the commands after an unknown one', () => {
    expect(parseError('dance').message).toMatchInlineSnapshot(
      `"Unknown command "dance". Try one of: create, join, leave, wishlist, exclude, household, contact, list, draw, status, who, cancel, help. Type /santa help for more."`,
    );
  });

  it('cuts a very long value short in the message', () => {
    const error = parseError(`create name="${'ü'.repeat(5000)}"`);
    expect(error.code).toBe('TOO_LONG');
    expect(error.message).toContain(`"${'ü'.repeat(40)}…" is 5000 characters long; the maximum is 80.`);
    expect(error.message.length).toBeLessThan(300);
  });

  it('explains a broadcast is no person', () => {
    expect(parseError('exclude <!channel>').message).toMatchInlineSnapshot(
      `""@channel" does not name one person. Mention a single member with @. Usage: /santa exclude @person (organiser: /santa exclude @giver @recipient [both] [remove])"`,
    );
  });

  it('survives a huge paste', () => {
    const error = parseError(`exclude ${'<@U1> '.repeat(20_000)}`);
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message.length).toBeLessThan(300);
  });

  it('keeps a name in NFC with spaces collapsed', () => {
    const decomposed = 'Zoe\u0308   Party';
    expect(parseCommandText(`create name="${decomposed}"`)).toEqual({
      name: 'create',
      exchangeName: 'Zoë Party',
    });
  });
});
