/**
 * The interfaces the bot layer needs from the outside world. Adapters implement them, and neither the
 * bot layer nor the engine imports an adapter.
 */
import type { Logger as PinoLogger } from 'pino';

import type {
  Assignment,
  ChannelKind,
  Delivery,
  DeliveryPurpose,
  Draw,
  DrawMethod,
  Exchange,
  ExchangeStatus,
  Exclusion,
  Participant,
  PastPairing,
  Platform,
} from './model.js';

export type { RandomSource } from '../engine/random.js';

export type Logger = PinoLogger;

/** Time, injected so that tests control backoff and timestamps. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds, or earlier when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** An exchange as its creator describes it; the store adds the id, status and timestamps. */
export type NewExchange = Omit<Exchange, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

/** A participant as they join; the store adds the id and the timestamps. */
export type NewParticipant = Omit<Participant, 'id' | 'joinedAt' | 'leftAt'>;

export type ParticipantPatch = Partial<
  Pick<Participant, 'displayName' | 'phone' | 'email' | 'household' | 'wishlist' | 'channels' | 'leftAt'>
>;

export interface NewDelivery {
  participantId: number;
  purpose: DeliveryPurpose;
  channel: ChannelKind;
  fallback: ChannelKind[];
}

export interface NewDraw {
  exchangeId: number;
  method: DrawMethod;
  relaxedHistory: string[];
  assignments: { giverId: number; recipientId: number }[];
  deliveries: NewDelivery[];
}

/** The reason a draw replaced the exchange's previous one. leave: a participant left after the draw. */
export type DrawRepairReason = 'leave';

/** A repaired draw that replaces the exchange's latest draw, for `Store.recordRepair`. */
export interface NewDrawRepair {
  exchangeId: number;
  /** The draw that was repaired; it must still be the exchange's latest when the repair is stored. */
  replacesDrawId: number;
  reason: DrawRepairReason;
  method: DrawMethod;
  relaxedHistory: string[];
  /** The whole repaired draw, not only the changed pairs. */
  assignments: { giverId: number; recipientId: number }[];
  /**
   * Reveals for every remaining giver, changed or not, so that who is messaged does not hint at who
   * drew the person who left.
   */
  deliveries: NewDelivery[];
}

/**
 * Durable storage. Synchronous, because better-sqlite3 is: a call returns once the change is committed.
 * Methods that change several rows do so in one transaction.
 */
export interface Store {
  /** Runs `work` in one transaction; nested calls join the outer transaction. */
  transaction<T>(work: () => T): T;

  createExchange(input: NewExchange, now: number): Exchange;
  getExchange(id: number): Exchange | null;
  /** The open or drawn exchange of a Slack or Discord channel, if any. */
  findActiveExchange(platform: Platform, groupKey: string, channelId: string): Exchange | null;
  /** The most recent CLI exchange with this name (compared case-insensitively), if any. */
  findExchangeByName(platform: Platform, name: string): Exchange | null;
  listExchanges(filter?: { platform?: Platform; status?: ExchangeStatus }): Exchange[];
  /** Changes the status only if it is still `from`; returns whether it changed. */
  transitionExchange(id: number, from: ExchangeStatus, to: ExchangeStatus, now: number): boolean;
  updateExchange(
    id: number,
    patch: Partial<Pick<Exchange, 'name' | 'budget' | 'exchangeDate' | 'rules'>>,
    now: number,
  ): Exchange;

  /** Adds a participant; throws StoreError `DUPLICATE_PARTICIPANT` when the user id or name key is taken. */
  addParticipant(input: NewParticipant, now: number): Participant;
  getParticipant(id: number): Participant | null;
  findParticipantByUser(exchangeId: number, platformUserId: string): Participant | null;
  findParticipantByNameKey(exchangeId: number, nameKey: string): Participant | null;
  /** Participants in join order; those who left are included only when asked. */
  listParticipants(exchangeId: number, options?: { includeLeft?: boolean }): Participant[];
  /** How many participants have joined and not left; cheaper than listing them on every join. */
  countParticipants(exchangeId: number): number;
  updateParticipant(id: number, patch: ParticipantPatch): Participant;

  /** Adds a one-way exclusion; adding one that exists is harmless. */
  addExclusion(exclusion: Exclusion): void;
  removeExclusion(exclusion: Exclusion): boolean;
  listExclusions(exchangeId: number): Exclusion[];

  /**
   * Stores a draw with its assignments, its pair history and its first deliveries, and moves the
   * exchange from open to drawn, all in one transaction. Returns null, changing nothing, when the
   * exchange is no longer open (a second or concurrent draw).
   */
  recordDraw(draw: NewDraw, now: number): Draw | null;
  /**
   * Stores a repaired draw in place of the exchange's latest one, in one transaction: the new draw and
   * all its assignments, the exchange's pair history replaced by the new pairs, and the new deliveries.
   * Pending reveals of the old draw whose giver left or has a new recipient are marked failed
   * (PARTICIPANT_LEFT, DRAW_REPAIRED), because they would name the old recipient. A giver whose
   * recipient is unchanged and whose reveal is still pending or being sent keeps that reveal, moved to
   * the new draw, and their new deliveries are skipped. A reveal being sent moves too. All other
   * deliveries stay with the old draw, so the new draw holds one fresh reveal per giver. Returns
   * null, changing nothing, unless the exchange is still drawn and `replacesDrawId` is still its
   * latest draw (a concurrent change).
   */
  recordRepair(repair: NewDrawRepair, now: number): Draw | null;
  getDraw(id: number): Draw | null;
  getLatestDraw(exchangeId: number): Draw | null;
  listAssignments(drawId: number): Assignment[];
  /** The giver's assignment in a draw, without reading the whole draw (a reveal, a resend, `who`). */
  getAssignmentForGiver(drawId: number, giverId: number): Assignment | null;
  /** Pairings of the most recent `limit` drawn exchanges of a group, excluding `exceptExchangeId`. */
  listPastPairings(groupKey: string, limit: number, exceptExchangeId?: number): PastPairing[];

  /** Adds deliveries for an existing draw, for example a resend or an unreachable notice. */
  enqueueDeliveries(drawId: number, deliveries: NewDelivery[], now: number): Delivery[];
  /**
   * Moves up to `limit` due pending deliveries to `sending` and returns them, oldest first. A
   * claimed delivery belongs to the caller until it reports the outcome. With `channels`, only
   * deliveries on those channels are claimed, so that a process leaves alone what it cannot send.
   */
  claimDueDeliveries(now: number, limit: number, channels?: readonly ChannelKind[]): Delivery[];
  markDeliverySent(id: number, providerMessageId: string | null, now: number): void;
  /** Back to pending for another attempt at `nextAttemptAt`. */
  markDeliveryRetry(id: number, errorCode: string, nextAttemptAt: number, now: number): void;
  /** Failed for good; `next`, when given, is enqueued in the same transaction (the fallback). */
  markDeliveryFailed(id: number, errorCode: string, next: NewDelivery | null, now: number): Delivery | null;
  /**
   * Moves every delivery left in `sending` back to `pending`. Called when a worker starts: a delivery
   * still sending then was interrupted by a crash. Assumes one delivering process per database.
   */
  recoverInterruptedDeliveries(now: number, channels?: readonly ChannelKind[]): number;
  listDeliveries(drawId: number): Delivery[];
  getDelivery(id: number): Delivery | null;
  /** The earliest `nextAttemptAt` among pending deliveries, or null when none is pending. */
  nextDueAt(channels?: readonly ChannelKind[]): number | null;

  close(): void;
}

/** The person a channel sends to: the giver for a reveal, the organiser for an unreachable notice. */
export interface Addressee {
  name: string;
  platform: Platform;
  platformUserId: string | null;
  phone: string | null;
  email: string | null;
}

/** The content of a reveal; each channel formats it with the texts module. */
export interface RevealContent {
  purpose: 'reveal';
  giverName: string;
  recipientName: string;
  exchangeName: string;
  budget: string | null;
  exchangeDate: string | null;
  wishlist: string | null;
}

/** Tells the organiser that a giver could not be reached on any channel. Never names the recipient. */
export interface UnreachableContent {
  purpose: 'unreachable';
  giverName: string;
  exchangeName: string;
  triedChannels: ChannelKind[];
}

export type MessageContent = RevealContent | UnreachableContent;

export interface Envelope {
  deliveryId: number;
  exchange: Exchange;
  to: Addressee;
  content: MessageContent;
}

export interface SendReceipt {
  /** The provider's id for the message (Twilio SID, SMTP message id, Slack ts, Discord message id, file path). */
  providerMessageId: string | null;
}

/**
 * One way of telling people. `send` resolves once the provider accepted the message, and throws a
 * DeliveryError otherwise (see ./errors.ts): permanent errors move the giver to the next channel,
 * transient ones are retried.
 */
export interface Channel {
  readonly kind: ChannelKind;
  /** Whether this channel has an address for the person at all (a phone number for SMS, and so on). */
  canReach(to: Addressee): boolean;
  send(envelope: Envelope): Promise<SendReceipt>;
}
