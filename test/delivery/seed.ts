/**
 * Builds a drawn exchange in a store for delivery tests: giver i draws participant i + 1 (a single
 * loop), and the first deliveries are planned as a real draw plans them.
 */
import { planRevealDeliveries, type NotifyMode } from '../../src/bot/delivery/plan.js';
import type { ChannelKind, Draw, Exchange, Participant, Platform } from '../../src/bot/model.js';
import type { Channel, Clock, Store } from '../../src/bot/ports.js';
import { nameKey } from '../../src/bot/names.js';

export interface SeedPerson {
  name: string;
  phone?: string;
  email?: string;
  platformUserId?: string;
  wishlist?: string;
  channels?: ChannelKind[];
}

export interface SeededDraw {
  exchange: Exchange;
  participants: Participant[];
  draw: Draw;
}

export function seedDraw(
  store: Store,
  options: {
    people: SeedPerson[];
    channels: ReadonlyMap<ChannelKind, Channel>;
    platform?: Platform;
    organiserId?: string;
    mode?: NotifyMode;
    now?: number;
  },
): SeededDraw {
  const platform = options.platform ?? 'cli';
  const now = options.now ?? 0;
  const exchange = store.createExchange(
    {
      name: 'Family 2026',
      platform,
      groupKey: platform === 'cli' ? 'cli:family 2026' : 'T0SANTA',
      channelId: platform === 'cli' ? null : 'C0SANTA',
      organiserId: options.organiserId ?? 'cli',
      budget: '£20',
      exchangeDate: '2026-12-24',
      rules: { noReciprocal: false, singleLoop: true, avoidPast: 0 },
    },
    now,
  );

  const participants = options.people.map((person) =>
    store.addParticipant(
      {
        exchangeId: exchange.id,
        platformUserId: person.platformUserId ?? null,
        displayName: person.name,
        nameKey: nameKey(person.name),
        phone: person.phone ?? null,
        email: person.email ?? null,
        household: null,
        wishlist: person.wishlist ?? null,
        channels: person.channels ?? null,
      },
      now,
    ),
  );

  const assignments = participants.map((giver, index) => ({
    giverId: giver.id,
    recipientId: (participants[(index + 1) % participants.length] as Participant).id,
  }));
  const { deliveries } = planRevealDeliveries(
    participants,
    exchange,
    options.channels,
    options.mode ?? 'first-reachable',
  );
  const draw = store.recordDraw(
    { exchangeId: exchange.id, method: 'uniform', relaxedHistory: [], assignments, deliveries },
    now,
  );
  if (!draw) throw new Error('seedDraw: the exchange was not open');

  return { exchange, participants, draw };
}

/** A clock whose sleeps return at once after moving time forward, so backoff costs no real time. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = 1_800_000_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
    await Promise.resolve();
  }
}
