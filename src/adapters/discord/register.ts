import { DiscordAPIError, REST, Routes } from 'discord.js';

import { ConfigError, SantaError } from '../../bot/errors.js';
import type { Logger } from '../../bot/ports.js';
import type { Config } from '../../config.js';
import { santaCommandBodies } from './commands.js';
import { withoutRequestBody } from './loggable-error.js';

/**
 * Registers the `/santa` command with Discord, replacing what the application had registered before.
 * With `guildId` the command is registered in that server only and shows up at once, for trying the
 * bot out. Without it the command is global, which can take up to an hour to reach every server.
 * Returns how many commands were registered.
 */
export async function registerDiscordCommands(
  config: Config,
  options: { guildId?: string },
  logger: Logger,
): Promise<number> {
  if (config.discord === null) {
    throw new ConfigError(
      'MISSING_DISCORD_TOKEN',
      'DISCORD_TOKEN is not set. Copy the bot token from the Developer Portal (Bot, Reset Token) into DISCORD_TOKEN.',
    );
  }
  const { token, applicationId, apiUrl } = config.discord;
  if (applicationId === undefined) {
    throw new ConfigError(
      'MISSING_DISCORD_APPLICATION_ID',
      'DISCORD_APPLICATION_ID is not set. Copy the Application ID from the Developer Portal (General Information) into DISCORD_APPLICATION_ID.',
    );
  }
  if (options.guildId !== undefined && !/^\d{5,25}$/u.test(options.guildId)) {
    throw new ConfigError(
      'INVALID_GUILD_ID',
      `Invalid server id "${options.guildId}": expected a number such as 123456789012345678 (in Discord, turn on Developer Mode, right-click the server, Copy Server ID).`,
      options.guildId,
    );
  }

  const rest = new REST(apiUrl === undefined ? {} : { api: apiUrl.replace(/\/+$/u, '') }).setToken(token);
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, options.guildId);
  const scope = options.guildId === undefined ? 'global' : 'guild';

  logger.info({ applicationId, guildId: options.guildId, scope }, 'Registering Discord commands');
  let registered: unknown[];
  try {
    registered = (await rest.put(route, { body: santaCommandBodies() })) as unknown[];
  } catch (error) {
    logger.error(
      { err: withoutRequestBody(error), applicationId, guildId: options.guildId },
      'Registering Discord commands failed',
    );
    throw registrationError(error, options.guildId);
  }
  logger.info(
    { applicationId, guildId: options.guildId, scope, count: registered.length },
    'Registered Discord commands',
  );
  return registered.length;
}

/** Explains the usual causes of a failed registration in terms of what to check. */
function registrationError(error: unknown, guildId: string | undefined): SantaError {
  const reason = error instanceof Error ? error.message : String(error);
  let hint = 'Check the network connection and DISCORD_API_URL, then try again.';
  if (error instanceof DiscordAPIError && error.status === 401) {
    hint = 'Discord rejected DISCORD_TOKEN; reset the bot token in the Developer Portal and update it.';
  } else if (
    error instanceof DiscordAPIError &&
    guildId !== undefined &&
    (error.status === 403 || error.status === 404)
  ) {
    hint = `Check that the bot was invited to server ${guildId} with the applications.commands scope and that DISCORD_APPLICATION_ID belongs to this bot.`;
  } else if (error instanceof DiscordAPIError && error.status === 403) {
    hint = 'Check that DISCORD_APPLICATION_ID belongs to the bot whose token is in DISCORD_TOKEN.';
  }
  return new SantaError(
    'DISCORD_REGISTER_FAILED',
    `Registering the /santa command failed: ${reason}. ${hint}`,
    guildId,
    {
      cause: error,
    },
  );
}
