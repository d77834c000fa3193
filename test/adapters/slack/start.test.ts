import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { openStore } from '../../../src/adapters/sqlite/index.js';
import { ConfigError } from '../../../src/bot/errors.js';
import type { Store } from '../../../src/bot/ports.js';
import { Santa } from '../../../src/bot/santa.js';
import { systemClock } from '../../../src/clock.js';
import { seededRandom } from '../../../src/engine/random.js';
import { silentLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../fakes/fake-slack.js';

describe('Slack adapter start', () => {
  const logger = silentLogger();
  let slack: FakeSlack;
  let store: Store;

  beforeEach(async () => {
    slack = await new FakeSlack().start();
    store = openStore(':memory:', { logger });
  });

  afterEach(async () => {
    store.close();
    await slack.stop();
  });

  function start(botToken: string, appToken?: string): Promise<void> {
    const adapter = createSlackAdapter({
      slack: { botToken, signingSecret: 'secret', appToken, apiUrl: slack.apiUrl },
      host: '127.0.0.1',
      port: 0,
      logger,
      store,
    });
    const channels = new Map([['slack' as const, adapter.channel]]);
    const santa = new Santa({
      store,
      channels,
      clock: systemClock,
      random: seededRandom(1),
      logger,
      wakeDelivery: () => {},
    });
    return adapter.start(santa).finally(() => adapter.stop());
  }

  it('rejects a bot token that Slack refuses, naming the variable', async () => {
    const error = await start('xoxb-wrong-token').then(
      () => null,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('SLACK_AUTH_FAILED');
    expect((error as ConfigError).message).toContain('SLACK_BOT_TOKEN (auth.test: invalid_auth)');
  });

  it('rejects an app-level token that Slack refuses', async () => {
    await expect(start(slack.botToken, 'xapp-wrong-token')).rejects.toThrow();
    expect(slack.callsOf('apps.connections.open').map((call) => call.token)).toContain('xapp-wrong-token');
  });
});
