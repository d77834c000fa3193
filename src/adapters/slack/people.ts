import type { webApi } from '@slack/bolt';

import type { CommandContext } from '../../bot/commands/types.js';
import type { Clock, Logger } from '../../bot/ports.js';
import { slackFormat } from './format.js';

/** How long a looked-up display name is reused, and how many are kept. */
const NAME_TTL_MS = 60 * 60 * 1_000;
const MAX_CACHED_NAMES = 10_000;

/**
 * Looks up the names people see in Slack (display name, else real name) with users.info and caches
 * them for an hour. A slash command only carries the legacy username, which is often an email-like
 * handle; when users.info fails (for example without the users:read scope) that handle is used.
 */
export class SlackPeople {
  private readonly names = new Map<string, { name: string; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async displayName(userId: string, fallback: string): Promise<string> {
    const cached = this.names.get(userId);
    if (cached !== undefined && this.clock.now() - cached.at < NAME_TTL_MS) return cached.name;

    try {
      const result = await this.client.users.info({ user: userId });
      const profile = result.user?.profile;
      const name = [profile?.display_name, profile?.real_name, result.user?.real_name, result.user?.name]
        .map((candidate) => candidate?.trim() ?? '')
        .find((candidate) => candidate !== '');
      if (name === undefined) return fallback;
      this.remember(userId, name);
      return name;
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'users.info failed; using the Slack username instead');
      return fallback;
    }
  }

  /** Builds the context of a command run by `userId` in `channelId` of team `teamId`. */
  async context(
    teamId: string,
    channelId: string,
    userId: string,
    username: string,
  ): Promise<CommandContext> {
    return {
      platform: 'slack',
      groupKey: teamId,
      channelId,
      userId,
      userName: await this.displayName(userId, username),
      isServerAdmin: false,
      format: slackFormat,
    };
  }

  private remember(userId: string, name: string): void {
    this.names.delete(userId);
    this.names.set(userId, { name, at: this.clock.now() });
    if (this.names.size > MAX_CACHED_NAMES) {
      const oldest = this.names.keys().next().value as string;
      this.names.delete(oldest);
    }
  }
}
