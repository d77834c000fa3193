import { describe, expect, it } from 'vitest';

import { deliverySummaryText, shownValue } from '../../src/bot/texts/cli.js';

describe('shownValue', () => {
  it.each([
    ['Ann', '"Ann"'],
    ['a'.repeat(58), `"${'a'.repeat(58)}"`],
    ['a'.repeat(59), `"${'a'.repeat(57)}"…`],
    ['\u0000'.repeat(500), `"${'\\u0000'.repeat(9)}"…`],
    ['😀'.repeat(100), `"${'😀'.repeat(28)}"…`],
  ])('shows %j as %s', (value, shown) => {
    expect(shownValue(value)).toBe(shown);
    expect(shownValue(value).length).toBeLessThanOrEqual(60);
  });
});

describe('deliverySummaryText', () => {
  const base = {
    told: 0,
    givers: 2,
    byChannel: {},
    unreachable: ['Ann', 'Bo'],
    pending: [],
    outboxDir: '/srv/outbox',
  };

  it('blames the outbox folder, not the givers, when it failed for every unreachable giver', () => {
    expect(deliverySummaryText({ ...base, outboxFailed: 2 })).toBe(
      'Told 0 of 2 givers.\nCould not reach 2 givers: Ann, Bo. The outbox folder /srv/outbox could not be written: make SANTA_OUTBOX_DIR a writable folder, then run santa resend EXCHANGE PERSON.',
    );
  });

  it("asks for the givers' details otherwise", () => {
    expect(deliverySummaryText({ ...base, outboxFailed: 1 })).toBe(
      'Told 0 of 2 givers.\nCould not reach 2 givers: Ann, Bo. Fix their details and run santa resend EXCHANGE PERSON.',
    );
  });

  it('names the exchange when asked', () => {
    const text = deliverySummaryText({
      ...base,
      told: 2,
      byChannel: { file: 2 },
      unreachable: [],
      outboxDir: null,
      exchange: { id: 3, name: 'family' },
    });

    expect(text).toBe('"family" (exchange 3): Told 2 of 2 givers: 2 by outbox file.');
  });
});
