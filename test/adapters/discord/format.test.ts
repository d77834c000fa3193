import { describe, expect, it } from 'vitest';

import { discordFormat, fitMessage, MAX_MESSAGE_LENGTH } from '../../../src/adapters/discord/format.js';

const ZWSP = '\u200b';

describe('discordFormat.escape', () => {
  it.each([
    ['plain words', 'Socks and tea', 'Socks and tea'],
    ['@everyone', '@everyone look', `@${ZWSP}everyone look`],
    ['@here in any case', 'hi @HERE', `hi @${ZWSP}HERE`],
    ['user mention', '<@123456789012345678>', `<${ZWSP}@123456789012345678>`],
    ['role mention', '<@&123456789012345678>', `<${ZWSP}@&123456789012345678>`],
    ['channel mention', '<#123456789012345678>', `<${ZWSP}#123456789012345678>`],
    ['command mention', '</santa draw:1>', `<${ZWSP}/santa draw:1>`],
    ['bold and italic', '**big** _small_', '\\*\\*big\\*\\* \\_small\\_'],
    ['inline code', '`rm -rf`', '\\`rm -rf\\`'],
    ['spoiler', '||secret||', '\\|\\|secret\\|\\|'],
    ['heading', '# Title', '\\# Title'],
    ['bulleted list', '- socks', '\\- socks'],
    ['masked link', '[free](https://example.com)', '\\[free](https://example.com)'],
    ['email address kept', 'ann@example.com', 'ann@example.com'],
  ])('%s', (_label, input, expected) => {
    expect(discordFormat.escape(input)).toBe(expected);
  });
});

describe('discordFormat markup', () => {
  it('bold, mention and code', () => {
    expect(discordFormat.bold('Office')).toBe('**Office**');
    expect(discordFormat.mention('42', 'Ann')).toBe('<@42>');
    expect(discordFormat.code('/santa join')).toBe('`/santa join`');
  });
});

describe('fitMessage', () => {
  it('keeps a message at the limit', () => {
    const text = 'a'.repeat(MAX_MESSAGE_LENGTH);

    expect(fitMessage(text)).toBe(text);
  });

  it('cuts a longer message with an ellipsis', () => {
    const cut = fitMessage('a'.repeat(MAX_MESSAGE_LENGTH + 5));

    expect(cut).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(cut.endsWith('a…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_MESSAGE_LENGTH - 2)}🎁🎁`;

    const cut = fitMessage(text);

    expect(cut).toBe(`${'a'.repeat(MAX_MESSAGE_LENGTH - 2)}…`);
  });
});
