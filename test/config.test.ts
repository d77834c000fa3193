import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../src/bot/errors.js';
import { loadConfig } from '../src/config.js';

const NO_DOTENV = join(tmpdir(), 'santa-config-test-no-such-file.env');
const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(env, NO_DOTENV);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('loadConfig accepted an invalid configuration');
}

describe('loadConfig', () => {
  it('uses the embedded defaults with nothing set', () => {
    const config = loadConfig({}, NO_DOTENV);

    expect(config.databasePath).toBe('santa.db');
    expect(config.outboxDir).toBe('outbox');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.deliveryConcurrency).toBe(4);
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.twilio).toBeNull();
    expect(config.email).toBeNull();
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', SANTA_DB: '  ', SLACK_BOT_TOKEN: '' }, NO_DOTENV);

    expect(config.port).toBe(3000);
    expect(config.databasePath).toBe('santa.db');
    expect(config.slack).toBeNull();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: expected a port number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT: expected a port number from 0 to 65535'],
    [{ SANTA_DELIVERY_CONCURRENCY: '0' }, 'SANTA_DELIVERY_CONCURRENCY: expected a whole number from 1 to 64'],
    [{ SANTA_DEFAULT_COUNTRY: 'XX' }, 'SANTA_DEFAULT_COUNTRY: expected a two-letter ISO 3166 country code'],
    [{ TWILIO_ACCOUNT_SID: 'bad' }, 'TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET: is required when SLACK_BOT_TOKEN is set'],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, 'EMAIL_FROM: is required when SMTP_URL is set'],
    [{ SMTP_URL: 'http://127.0.0.1', EMAIL_FROM: 'a@example.org' }, 'SMTP_URL: expected smtp://'],
    [
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't' },
      'TWILIO_FROM: is required when TWILIO_ACCOUNT_SID is set (or set TWILIO_MESSAGING_SERVICE_SID instead)',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace or silent (got "loud")',
    ],
    [{ PORT: 'abc' }, 'PORT: expected a port number from 0 to 65535 (got "abc")'],
  ])('names the invalid variable in %j', (env, expected) => {
    expect(messageOf(env)).toContain(expected);
  });

  it('lists every invalid variable at once', () => {
    const message = messageOf({ PORT: 'abc', TWILIO_ACCOUNT_SID: 'bad' });

    expect(message).toContain('PORT:');
    expect(message).toContain('TWILIO_ACCOUNT_SID:');
  });

  it('never repeats a secret in the message', () => {
    const message = messageOf({ SLACK_BOT_TOKEN: 'xoxb-secret-value' });

    expect(message).not.toContain('xoxb-secret-value');
  });

  it('reads .env and lets the environment win', () => {
    const folder = mkdtempSync(join(tmpdir(), 'santa-config-'));
    const dotenv = join(folder, '.env');
    writeFileSync(dotenv, 'SANTA_DB=from-dotenv.db\nPORT=4000\nSANTA_DEFAULT_COUNTRY=gb\n');

    const config = loadConfig({ PORT: '5000' }, dotenv);

    expect(config.databasePath).toBe('from-dotenv.db');
    expect(config.port).toBe(5000);
    expect(config.defaultCountry).toBe('GB');
  });

  it('builds each provider only when its variables are complete', () => {
    const config = loadConfig(
      {
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: 'token',
        TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}`,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        EMAIL_FROM: 'Santa <santa@example.org>',
        DISCORD_TOKEN: 'discord-token',
      },
      NO_DOTENV,
    );

    expect(config.twilio?.messagingServiceSid).toBe(`MG${'0'.repeat(32)}`);
    expect(config.twilio?.from).toBeUndefined();
    expect(config.email).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Santa <santa@example.org>' });
    expect(config.discord?.token).toBe('discord-token');
    expect(config.slack).toBeNull();
  });
});
