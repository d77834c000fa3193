import { describe, expect, it } from 'vitest';

import { parseDrawFlags } from '../../src/cli/draw-options.js';
import { UsageError } from '../../src/cli/exit-codes.js';

describe('parseDrawFlags', () => {
  it('uses defaults from the file name', () => {
    expect(parseDrawFlags('lists/Family 2026.csv', { reciprocal: true })).toEqual({
      name: 'Family 2026',
      budget: null,
      exchangeDate: null,
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
      notify: 'first-reachable',
      dryRun: false,
      again: false,
    });
  });

  it('reads every option', () => {
    const flags = {
      name: '  Office  party ',
      budget: ' £20 ',
      date: '2028-02-29',
      reciprocal: false,
      singleLoop: true,
      avoidPast: '2',
      notify: 'ALL',
      dryRun: true,
      again: true,
    };

    expect(parseDrawFlags('x.csv', flags)).toEqual({
      name: 'Office party',
      budget: '£20',
      exchangeDate: '2028-02-29',
      rules: { noReciprocal: true, singleLoop: true, avoidPast: 2 },
      notify: 'all',
      dryRun: true,
      again: true,
    });
  });

  it.each([
    [
      { date: '2027-02-29' },
      'Invalid --date "2027-02-29": expected a calendar date as YYYY-MM-DD, for example 2026-12-24.',
    ],
    [
      { date: '24/12/2026' },
      'Invalid --date "24/12/2026": expected a calendar date as YYYY-MM-DD, for example 2026-12-24.',
    ],
    [{ avoidPast: '-1' }, 'Invalid --avoid-past "-1": expected a whole number from 0 to 50.'],
    [{ avoidPast: '51' }, 'Invalid --avoid-past "51": expected a whole number from 0 to 50.'],
    [
      { notify: 'sms' },
      'Invalid --notify value "sms": expected "all", or leave it out to use the first channel that works.',
    ],
    [{ name: '   ' }, 'Invalid --name: expected 1 to 100 characters.'],
    [{ budget: 'x'.repeat(101) }, 'Invalid --budget: expected at most 100 characters.'],
  ])('rejects %j', (flags, message) => {
    const parse = () => parseDrawFlags('family.csv', { reciprocal: true, ...flags });

    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
