import { existsSync, readFileSync } from 'node:fs';

import { parse as parseDotenv } from 'dotenv';
import { getCountries, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

import { ConfigError } from './bot/errors.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ message: 'expected an absolute URL such as http://127.0.0.1:8080/' }).optional())
  .optional();

const countries = new Set<string>(getCountries());

/** Variables whose value an error message may repeat; tokens, secrets and URLs with passwords are left out. */
const SHOWABLE = new Set([
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'SANTA_DEFAULT_COUNTRY',
  'SANTA_DELIVERY_CONCURRENCY',
  'TWILIO_FROM',
  'DISCORD_APPLICATION_ID',
  'SLACK_API_URL',
  'DISCORD_API_URL',
  'TWILIO_API_URL',
]);

const schema = z
  .object({
    SLACK_BOT_TOKEN: optionalText.pipe(
      z.string().startsWith('xoxb-', { message: 'expected a bot token starting with xoxb-' }).optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .startsWith('xapp-', { message: 'expected an app-level token starting with xapp-' })
        .optional(),
    ),
    SLACK_API_URL: optionalUrl,

    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d{5,25}$/, { message: 'expected a numeric application id (a snowflake)' })
        .optional(),
    ),
    DISCORD_API_URL: optionalUrl,

    TWILIO_ACCOUNT_SID: optionalText.pipe(
      z
        .string()
        .regex(/^AC[0-9a-fA-F]{32}$/, { message: 'expected AC followed by 32 hex digits' })
        .optional(),
    ),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_FROM: optionalText.pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, { message: 'expected an E.164 number such as +15005550006' })
        .optional(),
    ),
    TWILIO_MESSAGING_SERVICE_SID: optionalText.pipe(
      z
        .string()
        .regex(/^MG[0-9a-fA-F]{32}$/, { message: 'expected MG followed by 32 hex digits' })
        .optional(),
    ),
    TWILIO_API_URL: optionalUrl,

    SMTP_URL: optionalText.pipe(
      z
        .string()
        .regex(/^smtps?:\/\/.+/, { message: 'expected smtp://user:password@host:port or smtps://…' })
        .optional(),
    ),
    EMAIL_FROM: optionalText,

    SANTA_DB: optionalText.default('santa.db'),
    SANTA_OUTBOX_DIR: optionalText.default('outbox'),
    SANTA_DEFAULT_COUNTRY: optionalText.pipe(
      z
        .string()
        .toUpperCase()
        .refine((code) => countries.has(code), {
          message: 'expected a two-letter ISO 3166 country code such as GB or US',
        })
        .optional(),
    ),
    SANTA_DELIVERY_CONCURRENCY: z.coerce
      .number({ message: 'expected a whole number from 1 to 64' })
      .int({ message: 'expected a whole number from 1 to 64' })
      .min(1, { message: 'expected a whole number from 1 to 64' })
      .max(64, { message: 'expected a whole number from 1 to 64' })
      .default(4),
    HOST: optionalText.default('127.0.0.1'),
    PORT: z.coerce
      .number({ message: 'expected a port number from 0 to 65535' })
      .int({ message: 'expected a port number from 0 to 65535' })
      .min(0, { message: 'expected a port number from 0 to 65535' })
      .max(65535, { message: 'expected a port number from 0 to 65535' })
      .default(3000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
  })
  .superRefine((env, context) => {
    const require = (present: unknown, name: string, because: string): void => {
      if (present === undefined) {
        context.addIssue({ code: 'custom', path: [name], message: `is required ${because}` });
      }
    };
    if (env.SLACK_BOT_TOKEN)
      require(env.SLACK_SIGNING_SECRET, 'SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is set');
    if (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) {
      require(env.SLACK_BOT_TOKEN, 'SLACK_BOT_TOKEN', 'when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
    }
    if (env.TWILIO_ACCOUNT_SID) {
      require(env.TWILIO_AUTH_TOKEN, 'TWILIO_AUTH_TOKEN', 'when TWILIO_ACCOUNT_SID is set');
      if (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) {
        context.addIssue({
          code: 'custom',
          path: ['TWILIO_FROM'],
          message: 'is required when TWILIO_ACCOUNT_SID is set (or set TWILIO_MESSAGING_SERVICE_SID instead)',
        });
      }
    }
    if (env.TWILIO_AUTH_TOKEN)
      require(env.TWILIO_ACCOUNT_SID, 'TWILIO_ACCOUNT_SID', 'when TWILIO_AUTH_TOKEN is set');
    if (env.SMTP_URL) require(env.EMAIL_FROM, 'EMAIL_FROM', 'when SMTP_URL is set');
  });

type Environment = z.output<typeof schema>;

export interface Config {
  slack: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string } | null;
  discord: { token: string; applicationId?: string; apiUrl?: string } | null;
  twilio: {
    accountSid: string;
    authToken: string;
    from?: string;
    messagingServiceSid?: string;
    apiUrl?: string;
  } | null;
  email: { smtpUrl: string; from: string } | null;
  databasePath: string;
  outboxDir: string;
  defaultCountry?: CountryCode;
  deliveryConcurrency: number;
  host: string;
  port: number;
  logLevel: Environment['LOG_LEVEL'];
}

/**
 * Reads the configuration from `env`, after filling in values from `.env` (in the working directory)
 * that the environment does not set. Throws a ConfigError that names every invalid variable and what
 * is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): Config {
  const merged: Record<string, string | undefined> = { ...readDotenv(dotenvPath), ...env };

  // An empty variable means "not set", as in most shells' `VAR=` lines.
  const present = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = schema.safeParse(present);

  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const value = present[name];
      const shown = value !== undefined && SHOWABLE.has(name) ? ` (got "${value.slice(0, 60)}")` : '';
      return `  ${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(
      'INVALID_CONFIG',
      `Invalid configuration. Fix these environment variables (or .env entries):\n${lines.join('\n')}`,
      parsed.error.issues.map((issue) => issue.path.join('.')),
    );
  }

  return toConfig(parsed.data);
}

function readDotenv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseDotenv(readFileSync(path));
}

function toConfig(env: Environment): Config {
  return {
    slack:
      env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET
        ? {
            botToken: env.SLACK_BOT_TOKEN,
            signingSecret: env.SLACK_SIGNING_SECRET,
            appToken: env.SLACK_APP_TOKEN,
            apiUrl: env.SLACK_API_URL,
          }
        : null,
    discord: env.DISCORD_TOKEN
      ? { token: env.DISCORD_TOKEN, applicationId: env.DISCORD_APPLICATION_ID, apiUrl: env.DISCORD_API_URL }
      : null,
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
        ? {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
            messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
            apiUrl: env.TWILIO_API_URL,
          }
        : null,
    email: env.SMTP_URL && env.EMAIL_FROM ? { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM } : null,
    databasePath: env.SANTA_DB,
    outboxDir: env.SANTA_OUTBOX_DIR,
    defaultCountry: env.SANTA_DEFAULT_COUNTRY as CountryCode | undefined,
    deliveryConcurrency: env.SANTA_DELIVERY_CONCURRENCY,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
  };
}
