import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { EVENTS_PATH } from '../../../src/adapters/slack/index.js';

const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');

/** Returns the items of the YAML list that follows `key:` at the given indentation. */
function listAfter(key: string, indent: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line === `${indent}${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trimStart().startsWith('#')) continue;
    const item = new RegExp(`^${indent}  - (\\S+)$`, 'u').exec(line);
    if (item === null) break;
    items.push(item[1] as string);
  }
  return items;
}

describe('manifest.yml', () => {
  it('asks for exactly the bot scopes santa uses', () => {
    expect(listAfter('bot', '    ')).toEqual(['commands', 'chat:write', 'im:write', 'users:read']);
  });

  it('declares /santa with escaped mentions', () => {
    expect(manifest).toContain('    - command: /santa\n');
    expect(manifest).toContain('      should_escape: true\n');
  });

  it('points the command and interactivity at the events path', () => {
    const urls = [...manifest.matchAll(/^\s+(?:url|request_url): (\S+)$/gmu)].map(
      (match) => new URL(match[1] as string),
    );
    expect(urls.map((url) => url.pathname)).toEqual([EVENTS_PATH, EVENTS_PATH]);
  });

  it('turns interactivity on for the modals', () => {
    expect(manifest).toMatch(/interactivity:\n(?:\s+#.*\n)*\s+is_enabled: true\n/u);
  });
});
