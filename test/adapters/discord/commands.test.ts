import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';

import { santaCommandBodies } from '../../../src/adapters/discord/commands.js';
import { COMMAND_NAMES } from '../../../src/bot/commands/parse.js';
import { LIMITS } from '../../../src/bot/commands/validate.js';

const [santa] = santaCommandBodies();

function subcommand(name: string) {
  const found = santa?.options?.find((option) => option.name === name);
  if (found === undefined || found.type !== ApplicationCommandOptionType.Subcommand) {
    throw new Error(`No subcommand ${name}`);
  }
  return found;
}

function optionSummary(name: string): unknown[] {
  return (subcommand(name).options ?? []).map((option) => ({
    name: option.name,
    type: ApplicationCommandOptionType[option.type],
    required: option.required ?? false,
    ...('max_length' in option && option.max_length !== undefined ? { maxLength: option.max_length } : {}),
  }));
}

describe('/santa command definition', () => {
  it('one guild-only command', () => {
    expect(santaCommandBodies()).toHaveLength(1);
    expect(santa?.name).toBe('santa');
    expect(santa?.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('a subcommand per command', () => {
    expect(santa?.options?.map((option) => option.name)).toEqual([...COMMAND_NAMES]);
  });

  it('create options', () => {
    expect(optionSummary('create')).toEqual([
      { name: 'name', type: 'String', required: true, maxLength: LIMITS.exchangeName },
      { name: 'budget', type: 'String', required: false, maxLength: LIMITS.budget },
      { name: 'date', type: 'String', required: false, maxLength: 10 },
      { name: 'no_reciprocal', type: 'Boolean', required: false },
      { name: 'single_loop', type: 'Boolean', required: false },
      { name: 'avoid_past', type: 'Integer', required: false },
    ]);
  });

  it('exclude options', () => {
    expect(optionSummary('exclude')).toEqual([
      { name: 'person', type: 'User', required: true },
      { name: 'giver', type: 'User', required: false },
      { name: 'both', type: 'Boolean', required: false },
      { name: 'remove', type: 'Boolean', required: false },
    ]);
  });

  it('household takes two to six users', () => {
    expect(optionSummary('household')).toEqual(
      [1, 2, 3, 4, 5, 6].map((position) => ({
        name: `member${position}`,
        type: 'User',
        required: position <= 2,
      })),
    );
  });

  it('contact and wishlist limits', () => {
    expect(optionSummary('contact')).toEqual([
      { name: 'phone', type: 'String', required: false, maxLength: 32 },
      { name: 'email', type: 'String', required: false, maxLength: 254 },
      { name: 'clear', type: 'Boolean', required: false },
    ]);
    expect(optionSummary('wishlist')).toEqual([
      { name: 'text', type: 'String', required: false, maxLength: LIMITS.wishlist },
    ]);
  });

  it('descriptions fit Discord limits', () => {
    const descriptions = [
      santa?.description ?? '',
      ...(santa?.options ?? []).map((option) => option.description),
    ];
    for (const sub of santa?.options ?? []) {
      if (sub.type === ApplicationCommandOptionType.Subcommand) {
        descriptions.push(...(sub.options ?? []).map((option) => option.description));
      }
    }
    for (const description of descriptions) {
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(100);
    }
  });
});
