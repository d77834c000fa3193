import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_RULES } from '../../../src/bot/model.js';
import { SlackHarness } from './harness.js';

describe('Slack adapter shutdown', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await new SlackHarness().start();
    harness.slack.addUser({ id: 'U0ANN', name: 'ann', displayName: 'Ann' });
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('finishes a DM in flight before it resolves', async () => {
    harness.slack.slowDown('chat.postMessage', 200);
    let delivered = false;
    const sending = harness.adapter.channel
      .send({
        deliveryId: 1,
        exchange: {
          id: 1,
          name: 'Office',
          platform: 'slack',
          groupKey: 'T0FAKE',
          channelId: 'C0SANTA',
          organiserId: 'U0ANN',
          budget: null,
          exchangeDate: null,
          rules: DEFAULT_RULES,
          status: 'drawn',
          createdAt: 0,
          updatedAt: 0,
        },
        to: { name: 'Ann', platform: 'slack', platformUserId: 'U0ANN', phone: null, email: null },
        content: {
          purpose: 'unreachable',
          giverName: 'Bo',
          exchangeName: 'Office',
          triedChannels: ['slack'],
        },
      })
      .then(() => {
        delivered = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 50));

    await harness.adapter.stop();

    expect(delivered).toBe(true);
    await sending;
  });

  it('finishes an acknowledged command before it resolves', async () => {
    harness.slack.slowDown('users.info', 200);

    const response = await harness.send('U0ANN', 'create Office');
    await harness.adapter.stop();

    expect(response.status).toBe(200);
    expect(harness.store.listExchanges().map((exchange) => exchange.name)).toEqual(['Office']);
  });

  it('stops accepting requests', async () => {
    const url = harness.baseUrl;
    await harness.adapter.stop();

    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
