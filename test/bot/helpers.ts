/**
 * Shared pieces of the bot use-case tests: an in-memory store, a seeded random source, a fixed clock,
 * a channel that records what it sends, and a TextFormat that marks every escape.
 */
import { openStore } from '../../src/adapters/sqlite/index.js';
import type { CommandContext, TextFormat } from '../../src/bot/commands/types.js';
import type { ChannelKind } from '../../src/bot/model.js';
import type { Addressee, Channel, Clock, Envelope, SendReceipt, Store } from '../../src/bot/ports.js';
import { Santa, type SantaDeps } from '../../src/bot/santa.js';
import { seededRandom } from '../../src/engine/random.js';
import { silentLogger } from '../../src/logger.js';

/** Wraps escaped text in ⟦ ⟧, so that tests see exactly which parts went through `escape`. */
export const markingFormat: TextFormat = {
  escape: (text) => `⟦${text}⟧`,
  bold: (text) => `*${text}*`,
  mention: (userId) => `<@${userId}>`,
  code: (text) => `\`${text}\``,
};

/** A channel that accepts every message and keeps it. */
export class RecordingChannel implements Channel {
  readonly sent: Envelope[] = [];

  constructor(readonly kind: ChannelKind) {}

  canReach(to: Addressee): boolean {
    if (this.kind === 'sms') return to.phone !== null;
    if (this.kind === 'email') return to.email !== null;
    if (this.kind === 'file') return true;
    return to.platform === this.kind && to.platformUserId !== null;
  }

  async send(envelope: Envelope): Promise<SendReceipt> {
    this.sent.push(envelope);
    return { providerMessageId: `${this.kind}-${this.sent.length}` };
  }
}

/** Returns a clock whose time changes only when a test advances it. */
export function fixedClock(start = Date.UTC(2026, 11, 1, 12)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface TestBot {
  santa: Santa;
  store: Store;
  deps: SantaDeps;
  channels: Map<ChannelKind, RecordingChannel>;
  /** How many times the delivery worker was woken. */
  wakes: () => number;
}

/** Builds a Santa on a fresh in-memory store with recording channels of the given kinds. */
export function createTestBot(options: { seed?: number; kinds?: ChannelKind[] } = {}): TestBot {
  const logger = silentLogger();
  const store = openStore(':memory:', { logger });
  const channels = new Map<ChannelKind, RecordingChannel>();
  for (const kind of options.kinds ?? ['slack', 'discord', 'sms', 'email'])
    channels.set(kind, new RecordingChannel(kind));

  let wakes = 0;
  const deps: SantaDeps = {
    store,
    random: seededRandom(options.seed ?? 7),
    clock: fixedClock(),
    logger,
    channels,
    wakeDelivery: () => {
      wakes += 1;
    },
  };
  return { santa: new Santa(deps), store, deps, channels, wakes: () => wakes };
}

/** Returns the context of a Slack user in channel C1 of team T1. */
export function slackUser(
  userId: string,
  userName: string,
  overrides: Partial<CommandContext> = {},
): CommandContext {
  return {
    platform: 'slack',
    groupKey: 'T1',
    channelId: 'C1',
    userId,
    userName,
    isServerAdmin: false,
    format: markingFormat,
    ...overrides,
  };
}
