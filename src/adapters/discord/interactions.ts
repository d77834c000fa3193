import {
  GuildMember,
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';

import type { CommandContext, Reply, SantaCommand, Visibility } from '../../bot/commands/types.js';
import { isOrganiser } from '../../bot/exchanges/shared.js';
import type { Logger, Store } from '../../bot/ports.js';
import { discordReplies } from '../../bot/texts/discord.js';
import { ROOT_COMMAND } from './commands.js';
import { discordFormat } from './format.js';
import { deferResponse, sendFailure, sendReplies, type RepliableInteraction } from './respond.js';
import { withoutRequestBody } from './loggable-error.js';
import { toSantaCommand } from './to-command.js';
import { buildWishlistModal, readWishlistModal, WISHLIST_MODAL_ID } from './wishlist-modal.js';

/** The part of the Santa service that the Discord adapter calls. */
export interface SantaService {
  execute(ctx: CommandContext, command: SantaCommand): Promise<Reply[]>;
}

export interface InteractionHandlerOptions {
  santa: SantaService;
  store: Store;
  logger: Logger;
  /**
   * How long a command may run before the response is deferred, in milliseconds (default 2000).
   * Discord drops an interaction without a response after 3 seconds, which leaves one for the round
   * trip.
   */
  deferAfterMs?: number;
}

/**
 * Returns the `interactionCreate` listener. Interactions are handled concurrently, with no queue
 * between servers or channels, although the bot layer's synchronous work (such as a draw) blocks the
 * event loop while it runs. Errors are logged and reported to the caller privately, and the listener
 * never throws.
 */
export function createInteractionHandler(
  options: InteractionHandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const { logger } = options;

  return async (interaction) => {
    if (!interaction.isChatInputCommand() && !interaction.isModalSubmit()) return;
    if (interaction.isModalSubmit() && interaction.customId !== WISHLIST_MODAL_ID) return;

    try {
      if (!interaction.inGuild()) {
        await interaction.reply({
          content: discordReplies.guildOnly(),
          flags: MessageFlags.Ephemeral,
          allowedMentions: { parse: [] },
        });
        return;
      }

      if (interaction.isChatInputCommand()) {
        await handleSlashCommand(interaction, options);
      } else {
        const command: SantaCommand = { name: 'wishlist', text: readWishlistModal(interaction) };
        await runCommand(interaction, command, null, options);
      }
    } catch (error) {
      logger.error(
        { err: withoutRequestBody(error), interactionId: interaction.id, guildId: interaction.guildId },
        'Discord interaction failed',
      );
      await sendFailure(interaction, discordReplies.unexpectedError()).catch((replyError: unknown) => {
        logger.warn(
          { err: withoutRequestBody(replyError), interactionId: interaction.id },
          'Could not tell the user the command failed',
        );
      });
    }
  };
}

async function handleSlashCommand(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  options: InteractionHandlerOptions,
): Promise<void> {
  // A command or subcommand this version does not define comes from a stale registration.
  const command = interaction.commandName === ROOT_COMMAND ? toSantaCommand(interaction) : null;
  if (command === null) {
    const name = [interaction.commandName, interaction.options.getSubcommand(false)]
      .filter(Boolean)
      .join(' ');
    await interaction.reply({
      content: discordReplies.unknownCommand(name),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }

  // A modal must be the first response, so it cannot wait behind a deferral. Someone who has not
  // joined gets the bot layer's reply instead, which explains what to do.
  const editable =
    command.name === 'wishlist' && command.text === undefined
      ? ownWishlist(interaction, options.store)
      : null;
  if (editable !== null) {
    await interaction.showModal(buildWishlistModal(editable.wishlist));
    return;
  }

  await runCommand(
    interaction,
    command,
    deferralFor(command, contextOf(interaction), options.store),
    options,
  );
}

/**
 * Returns the visibility to defer with at once, or null for commands that usually finish within
 * Discord's 3 seconds. The draw stores and plans every delivery, and the status reads every delivery
 * of the draw, so both are deferred. A draw that will be announced is deferred publicly. A draw that
 * will be refused (not the organiser, already drawn, no exchange) is deferred privately, so the
 * refusal stays private.
 */
function deferralFor(command: SantaCommand, ctx: CommandContext, store: Store): Visibility | null {
  if (command.name === 'status') return 'private';
  if (command.name !== 'draw') return null;

  const exchange = store.findActiveExchange('discord', ctx.groupKey, ctx.channelId);
  const willAnnounce = exchange !== null && exchange.status === 'open' && isOrganiser(ctx, exchange);
  return willAnnounce ? 'public' : 'private';
}

/**
 * Runs a command and sends its replies. A slow command is deferred before it starts; any other command
 * is deferred privately if it has not finished after `deferAfterMs`.
 */
async function runCommand(
  interaction: RepliableInteraction,
  command: SantaCommand,
  deferNow: Visibility | null,
  options: InteractionHandlerOptions,
): Promise<void> {
  if (deferNow !== null) await deferResponse(interaction, deferNow);

  const ctx = contextOf(interaction);
  const work = options.santa.execute(ctx, command);

  let deferred = deferNow;
  if (deferred === null && !(await settlesWithin(work, options.deferAfterMs ?? 2000))) {
    await deferResponse(interaction, 'private');
    deferred = 'private';
  }

  const replies = await work;
  await sendReplies(interaction, replies, deferred);
  options.logger.debug(
    { command: command.name, guildId: ctx.groupKey, interactionId: interaction.id, replies: replies.length },
    'Discord command handled',
  );
}

/** Builds the CommandContext; Manage Server (or Administrator) lets a member draw and cancel. */
function contextOf(interaction: RepliableInteraction): CommandContext {
  if (interaction.guildId === null)
    throw new Error('Discord interaction outside a server reached the bot layer');

  return {
    platform: 'discord',
    groupKey: interaction.guildId,
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
    userName: displayNameOf(interaction),
    isServerAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    format: discordFormat,
  };
}

/** Returns the caller's server nickname when set, else their global display name, else their username. */
function displayNameOf(interaction: RepliableInteraction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}

/** Returns the caller's wishlist in this channel's exchange, or null when they have not joined it. */
function ownWishlist(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  store: Store,
): { wishlist: string | null } | null {
  const exchange = store.findActiveExchange('discord', interaction.guildId, interaction.channelId);
  if (exchange === null) return null;

  const participant = store.findParticipantByUser(exchange.id, interaction.user.id);
  if (participant === null || participant.leftAt !== null) return null;
  return { wishlist: participant.wishlist };
}

/** Resolves true when `work` settles (either way) within `ms`, false otherwise. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
