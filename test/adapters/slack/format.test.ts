import { describe, expect, it } from 'vitest';

import { decodeSlackEntities, escapeMrkdwn, slackFormat } from '../../../src/adapters/slack/format.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['<#C123|general>', '&lt;#C123|general&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&lt; already', '&amp;lt; already'],
    ['*bold* _it_ ~s~', '*bold* _it_ ~s~'],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('decodeSlackEntities', () => {
  it.each([
    ['books &amp; games', 'books & games'],
    ['&lt;3 cats &gt; dogs', '<3 cats > dogs'],
    ['&amp;lt;', '&lt;'],
    ['plain', 'plain'],
  ])('decodes %j', (input, expected) => {
    expect(decodeSlackEntities(input)).toBe(expected);
  });

  it('round-trips with escapeMrkdwn', () => {
    const typed = 'a <b> & c &amp; d';
    expect(decodeSlackEntities(escapeMrkdwn(typed))).toBe(typed);
  });
});

describe('slackFormat', () => {
  it('mentions a user id', () => {
    expect(slackFormat.mention('U0ABC123', 'Ann')).toBe('<@U0ABC123>');
  });

  it('mentions an Enterprise Grid user id', () => {
    expect(slackFormat.mention('W0ABC123', 'Ann')).toBe('<@W0ABC123>');
  });

  it('falls back to the escaped name for a non-Slack id', () => {
    expect(slackFormat.mention('!everyone', '<!everyone> & co')).toBe('&lt;!everyone&gt; &amp; co');
  });

  it('marks bold and code', () => {
    expect(slackFormat.bold('x')).toBe('*x*');
    expect(slackFormat.code('/santa join')).toBe('`/santa join`');
  });
});
