import type { Exchange } from '../../src/bot/model.js';
import type { Addressee, Envelope, RevealContent } from '../../src/bot/ports.js';

/** A drawn CLI exchange for building envelopes by hand. */
export const cliExchange: Exchange = {
  id: 1,
  name: 'Family 2026',
  platform: 'cli',
  groupKey: 'cli:family 2026',
  channelId: null,
  organiserId: 'cli',
  budget: '£20',
  exchangeDate: '2026-12-24',
  rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
  status: 'drawn',
  createdAt: 0,
  updatedAt: 0,
};

export function revealContent(overrides: Partial<RevealContent> = {}): RevealContent {
  return {
    purpose: 'reveal',
    giverName: 'Ann',
    recipientName: 'Bo',
    exchangeName: 'Family 2026',
    budget: '£20',
    exchangeDate: '2026-12-24',
    wishlist: 'books, warm socks',
    ...overrides,
  };
}

export function revealEnvelope(
  to: Partial<Addressee>,
  overrides: Partial<RevealContent> = {},
  deliveryId = 1,
): Envelope {
  return {
    deliveryId,
    exchange: cliExchange,
    to: { name: 'Ann', platform: 'cli', platformUserId: null, phone: null, email: null, ...to },
    content: revealContent(overrides),
  };
}
