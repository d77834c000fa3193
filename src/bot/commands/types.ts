/**
 * The `/santa` command set as the platforms hand it to the bot layer. Slack parses the text after
 * `/santa` with `parseCommandText`; Discord builds the same values from its typed options.
 */
import type { ExchangeRules, Platform } from '../model.js';

/** A Slack or Discord user named in a command, for example by a mention. */
export interface UserRef {
  userId: string;
  /** The name the platform showed, when it sent one. */
  name?: string;
}

export type SantaCommand =
  /** Without a name the Slack adapter opens the create modal instead. */
  | { name: 'create'; exchangeName?: string; budget?: string; date?: string; rules?: Partial<ExchangeRules> }
  | { name: 'join' }
  /** Naming a `person` other than the caller removes them, and is for the organiser. */
  | { name: 'leave'; person?: UserRef }
  /** Without text: show the current wishlist (Slack and Discord open a modal instead). */
  | { name: 'wishlist'; text?: string }
  /**
   * `giver` defaults to the caller; naming another giver, or `twoWay`, is for the organiser.
   * `remove` deletes the exclusion instead.
   */
  | { name: 'exclude'; recipient: UserRef; giver?: UserRef; twoWay: boolean; remove: boolean }
  /** Organiser only: puts these members in one household. */
  | { name: 'household'; members: UserRef[] }
  /** Phone and email for the SMS and email fallback. `clear` removes both. */
  | { name: 'contact'; phone?: string; email?: string; clear: boolean }
  | { name: 'list' }
  | { name: 'draw' }
  | { name: 'status' }
  | { name: 'who' }
  | { name: 'cancel' }
  | { name: 'help'; topic?: string };

export type CommandName = SantaCommand['name'];

/**
 * Formats text for one platform. User-typed values go through `escape`, so that a name or wishlist can
 * never ping `@everyone`, `@here`, a channel or a user, nor break the message's markup.
 */
export interface TextFormat {
  escape(userText: string): string;
  bold(text: string): string;
  /** A mention of a platform user by id (`<@U123>` on both Slack and Discord); plain name elsewhere. */
  mention(userId: string, fallbackName: string): string;
  /** Inline code, for command names. */
  code(text: string): string;
}

/** Who runs a command, and where. */
export interface CommandContext {
  platform: Exclude<Platform, 'cli'>;
  /** The Slack team id or the Discord guild id. */
  groupKey: string;
  channelId: string;
  userId: string;
  /** The caller's display name as the platform showed it. */
  userName: string;
  /** Discord members with Manage Server; may draw and cancel like the organiser. Always false on Slack. */
  isServerAdmin: boolean;
  format: TextFormat;
}

/** private: only the caller sees it (Slack ephemeral, Discord ephemeral). public: the whole channel. */
export type Visibility = 'private' | 'public';

export interface Reply {
  visibility: Visibility;
  text: string;
}
