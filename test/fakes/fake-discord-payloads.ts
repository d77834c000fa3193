/**
 * Builders for the gateway payloads of the fake Discord: users, guild members and INTERACTION_CREATE
 * data for `/santa` slash commands and modal submissions, shaped as Discord's API v10 sends them.
 */

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string;
  /** The server nickname, when the member set one. */
  nick?: string;
}

/** Permission bitfields as decimal strings, as Discord sends them. */
export const PERMISSIONS = {
  /** View Channel, Send Messages, Use Application Commands: an ordinary member. */
  member: String((1n << 10n) | (1n << 11n) | (1n << 31n)),
  /** An ordinary member with Manage Server added. */
  manageServer: String((1n << 10n) | (1n << 11n) | (1n << 31n) | (1n << 5n)),
} as const;

/** A value of a slash command option: text, a whole number, a yes/no choice or a user. */
export type OptionValue = string | number | boolean | FakeUser;

const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5, user: 6 } as const;

let nextSnowflake = 1_300_000_000_000_000_000n;

/** Returns a new snowflake-shaped id; discord.js reads timestamps out of ids, so they must be numeric. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return String(nextSnowflake);
}

export function userPayload(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? null,
    discriminator: '0',
    avatar: null,
  };
}

export function memberPayload(user: FakeUser, permissions: string): Record<string, unknown> {
  return {
    user: userPayload(user),
    nick: user.nick ?? null,
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    permissions,
  };
}

export interface InteractionTarget {
  applicationId: string;
  guildId: string | null;
  channelId: string;
  user: FakeUser;
  permissions: string;
}

/** Builds an INTERACTION_CREATE payload for `/santa <subcommand>` with typed options. */
export function chatInputInteraction(
  target: InteractionTarget,
  subcommand: string,
  options: Record<string, OptionValue | undefined>,
): { id: string; token: string; payload: Record<string, unknown> } {
  const users: Record<string, unknown> = {};
  const members: Record<string, unknown> = {};
  const subOptions = Object.entries(options)
    .filter((entry): entry is [string, OptionValue] => entry[1] !== undefined)
    .map(([name, value]) => {
      if (typeof value === 'object') {
        users[value.id] = userPayload(value);
        members[value.id] = { ...memberPayload(value, PERMISSIONS.member), user: undefined };
        return { name, type: OPTION_TYPE.user, value: value.id };
      }
      if (typeof value === 'boolean') return { name, type: OPTION_TYPE.boolean, value };
      if (typeof value === 'number') return { name, type: OPTION_TYPE.integer, value };
      return { name, type: OPTION_TYPE.string, value };
    });

  const data = {
    id: '1200000000000000001',
    name: 'santa',
    type: 1,
    options: [{ name: subcommand, type: OPTION_TYPE.subcommand, options: subOptions }],
    ...(Object.keys(users).length > 0 ? { resolved: { users, members } } : {}),
  };
  return baseInteraction(target, 2, data);
}

/** Builds an INTERACTION_CREATE payload for a submitted modal whose text inputs hold `fields`. */
export function modalSubmitInteraction(
  target: InteractionTarget,
  customId: string,
  fields: Record<string, string>,
): { id: string; token: string; payload: Record<string, unknown> } {
  // Discord sends each text input inside the Label component (type 18) that the modal used.
  const components = Object.entries(fields).map(([fieldId, value]) => ({
    type: 18,
    id: 1,
    component: { type: 4, id: 2, custom_id: fieldId, value },
  }));
  return baseInteraction(target, 5, { custom_id: customId, components });
}

function baseInteraction(
  target: InteractionTarget,
  type: number,
  data: unknown,
): { id: string; token: string; payload: Record<string, unknown> } {
  const id = snowflake();
  const token = `interaction-token-${id}`;
  const where =
    target.guildId === null
      ? { user: userPayload(target.user), context: 1 }
      : {
          guild_id: target.guildId,
          member: memberPayload(target.user, target.permissions),
          guild_locale: 'en-US',
          context: 0,
        };

  const payload = {
    id,
    application_id: target.applicationId,
    type,
    token,
    version: 1,
    channel_id: target.channelId,
    channel: {
      id: target.channelId,
      type: target.guildId === null ? 1 : 0,
      ...(target.guildId ? { guild_id: target.guildId } : {}),
    },
    app_permissions: PERMISSIONS.member,
    locale: 'en-GB',
    entitlements: [],
    authorizing_integration_owners:
      target.guildId === null ? { '1': target.user.id } : { '0': target.guildId },
    attachment_size_limit: 10_485_760,
    data,
    ...where,
  };
  return { id, token, payload };
}
