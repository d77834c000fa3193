/**
 * Row shapes as SQLite returns them, and their conversion to the records of the model. Booleans are
 * stored as 0/1 and arrays as JSON text.
 */
import { historyKey } from '../../bot/names.js';
import type {
  Assignment,
  ChannelKind,
  Delivery,
  DeliveryPurpose,
  DeliveryStatus,
  Draw,
  DrawMethod,
  Exchange,
  ExchangeRules,
  ExchangeStatus,
  Participant,
  Platform,
} from '../../bot/model.js';

export interface ExchangeRow {
  id: number;
  name: string;
  name_key: string;
  platform: Platform;
  group_key: string;
  channel_id: string | null;
  organiser_id: string;
  budget: string | null;
  exchange_date: string | null;
  no_reciprocal: number;
  single_loop: number;
  avoid_past: number;
  status: ExchangeStatus;
  created_at: number;
  updated_at: number;
}

export interface ParticipantRow {
  id: number;
  exchange_id: number;
  platform_user_id: string | null;
  display_name: string;
  name_key: string;
  phone: string | null;
  email: string | null;
  household: string | null;
  wishlist: string | null;
  channels: string | null;
  joined_at: number;
  left_at: number | null;
}

export interface DrawRow {
  id: number;
  exchange_id: number;
  method: DrawMethod;
  relaxed_history: string;
  created_at: number;
}

export interface AssignmentRow {
  draw_id: number;
  giver_id: number;
  recipient_id: number;
}

export interface DeliveryRow {
  id: number;
  draw_id: number;
  participant_id: number;
  purpose: DeliveryPurpose;
  channel: ChannelKind;
  fallback: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  provider_message_id: string | null;
  created_at: number;
  updated_at: number;
}

export function toExchange(row: ExchangeRow): Exchange {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    groupKey: row.group_key,
    channelId: row.channel_id,
    organiserId: row.organiser_id,
    budget: row.budget,
    exchangeDate: row.exchange_date,
    rules: {
      noReciprocal: row.no_reciprocal === 1,
      singleLoop: row.single_loop === 1,
      avoidPast: row.avoid_past,
    },
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Returns the rule parameters of an exchange's INSERT and UPDATE statements. */
export function ruleColumns(rules: ExchangeRules): {
  noReciprocal: number;
  singleLoop: number;
  avoidPast: number;
} {
  return {
    noReciprocal: rules.noReciprocal ? 1 : 0,
    singleLoop: rules.singleLoop ? 1 : 0,
    avoidPast: rules.avoidPast,
  };
}

export function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    exchangeId: row.exchange_id,
    platformUserId: row.platform_user_id,
    displayName: row.display_name,
    nameKey: row.name_key,
    phone: row.phone,
    email: row.email,
    household: row.household,
    wishlist: row.wishlist,
    channels: row.channels === null ? null : (JSON.parse(row.channels) as ChannelKind[]),
    joinedAt: row.joined_at,
    leftAt: row.left_at,
  };
}

export function toDraw(row: DrawRow): Draw {
  return {
    id: row.id,
    exchangeId: row.exchange_id,
    method: row.method,
    relaxedHistory: JSON.parse(row.relaxed_history) as string[],
    createdAt: row.created_at,
  };
}

export function toAssignment(row: AssignmentRow): Assignment {
  return { drawId: row.draw_id, giverId: row.giver_id, recipientId: row.recipient_id };
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    drawId: row.draw_id,
    participantId: row.participant_id,
    purpose: row.purpose,
    channel: row.channel,
    fallback: JSON.parse(row.fallback) as ChannelKind[],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastErrorCode: row.last_error_code,
    providerMessageId: row.provider_message_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Returns the key that matches one person across exchanges of a group, as historyKey builds it. */
export function personKey(participant: { platform_user_id: string | null; name_key: string }): string {
  return historyKey({ platformUserId: participant.platform_user_id, nameKey: participant.name_key });
}
