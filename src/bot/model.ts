/**
 * The records santa stores and passes between layers. Timestamps are milliseconds since the Unix epoch,
 * taken from the injected Clock; dates chosen by people (the exchange date) stay `YYYY-MM-DD` strings.
 */

export type Platform = 'slack' | 'discord' | 'cli';

/** open: people join. drawn: assignments exist and are being delivered. closed, cancelled: finished. */
export type ExchangeStatus = 'open' | 'drawn' | 'closed' | 'cancelled';

/** A way to tell a giver their recipient, in the default fallback order. */
export type ChannelKind = 'slack' | 'discord' | 'sms' | 'email' | 'file';

export const CHANNEL_KINDS: readonly ChannelKind[] = ['slack', 'discord', 'sms', 'email', 'file'];

export interface ExchangeRules {
  /** Forbids A->B together with B->A. */
  noReciprocal: boolean;
  /** Requires one loop through everyone instead of several smaller loops. */
  singleLoop: boolean;
  /** How many earlier exchanges of the same group to avoid repeating pairings from (0 = off). */
  avoidPast: number;
}

export const DEFAULT_RULES: ExchangeRules = { noReciprocal: false, singleLoop: false, avoidPast: 0 };

export interface Exchange {
  id: number;
  name: string;
  platform: Platform;
  /**
   * The group of people whose past exchanges count for the avoid-repeats rule: the Slack team id,
   * the Discord guild id, or `cli:` followed by the normalised exchange name.
   */
  groupKey: string;
  /** The Slack or Discord channel the exchange runs in; null for the CLI. */
  channelId: string | null;
  /** The organiser's platform user id; `cli` for the command line. */
  organiserId: string;
  budget: string | null;
  /** `YYYY-MM-DD`, or null when not set. */
  exchangeDate: string | null;
  rules: ExchangeRules;
  status: ExchangeStatus;
  createdAt: number;
  updatedAt: number;
}

export interface Participant {
  id: number;
  exchangeId: number;
  /** Slack or Discord user id; null for people imported from a CSV file. */
  platformUserId: string | null;
  displayName: string;
  /** The name after trimming, NFC normalisation and case folding; unique per exchange. */
  nameKey: string;
  /** E.164, for example `+447700900001`. */
  phone: string | null;
  email: string | null;
  /** A label shared by everyone in one household; nobody draws anybody in their own household. */
  household: string | null;
  wishlist: string | null;
  /** Channels to try, in order, instead of the default order; null means the default. */
  channels: ChannelKind[] | null;
  joinedAt: number;
  /** Set when the person leaves; left participants are kept for the record but not drawn. */
  leftAt: number | null;
}

export interface Exclusion {
  exchangeId: number;
  giverId: number;
  recipientId: number;
}

export type DrawMethod = 'uniform' | 'approximate';

export interface Draw {
  id: number;
  exchangeId: number;
  method: DrawMethod;
  /** Labels of past exchanges whose pairings were allowed again to make the draw possible. */
  relaxedHistory: string[];
  createdAt: number;
}

export interface Assignment {
  drawId: number;
  giverId: number;
  recipientId: number;
}

/** One giver/recipient pair of an earlier exchange of the same group, for the avoid-repeats rule. */
export interface PastPairing {
  /** The exchange the pair came from. */
  exchangeId: number;
  exchangeName: string;
  drawnAt: number;
  /** Participants are matched across exchanges by platform user id, or by name key for CSV people. */
  giverKey: string;
  recipientKey: string;
}

/**
 * reveal: tells a giver their recipient.
 * unreachable: tells the organiser that a giver could not be reached (never whom they drew).
 */
export type DeliveryPurpose = 'reveal' | 'unreachable';

/** pending -> sending -> sent; sending -> pending on a transient error; sending -> failed on a permanent one. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface Delivery {
  id: number;
  drawId: number;
  /** The giver this message is about. */
  participantId: number;
  purpose: DeliveryPurpose;
  channel: ChannelKind;
  /**
   * Channels still to try, in order, after this one fails permanently. Empty for `--notify all`
   * deliveries, which are independent of each other.
   */
  fallback: ChannelKind[];
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastErrorCode: string | null;
  providerMessageId: string | null;
  createdAt: number;
  updatedAt: number;
}
