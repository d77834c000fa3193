import { describe, expect, it } from 'vitest';

import { createChannels } from '../../src/adapters/channels.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FAKE_FROM } from '../fakes/fake-twilio.js';

const noDotenv = '/dev/null/.env';

describe('createChannels', () => {
  it('builds only the outbox by default', () => {
    const channels = createChannels(loadConfig({}, noDotenv), { logger: silentLogger() });

    expect([...channels.keys()]).toEqual(['file']);
  });

  it('adds SMS and email when configured', () => {
    const config = loadConfig(
      {
        TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN,
        TWILIO_FROM: FAKE_FROM,
        TWILIO_API_URL: 'http://127.0.0.1:9/',
        SMTP_URL: 'smtp://127.0.0.1:9',
        EMAIL_FROM: 'santa@example.org',
      },
      noDotenv,
    );
    const channels = createChannels(config, { logger: silentLogger() });

    expect([...channels.keys()]).toEqual(['sms', 'email', 'file']);
    expect([...channels.values()].map((channel) => channel.kind)).toEqual(['sms', 'email', 'file']);
  });
});
