import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';

import type { Reply, Visibility } from '../../bot/commands/types.js';
import { discordReplies } from '../../bot/texts/discord.js';
import { fitMessage } from './format.js';

export type RepliableInteraction = ChatInputCommandInteraction | ModalSubmitInteraction;

/** No message the bot sends may ping anyone, whatever its text contains. */
const NO_PINGS = { parse: [] } as const;

/**
 * Defers the response, which gives santa 15 minutes instead of Discord's 3 seconds. The visibility
 * chosen here is fixed for the deferred message; replies of the other visibility become follow-ups.
 */
export async function deferResponse(
  interaction: RepliableInteraction,
  visibility: Visibility,
): Promise<void> {
  await interaction.deferReply(visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * Sends santa's replies to an interaction. Without a deferral the first reply is the interaction
 * response and the rest follow in order. After a deferral the first reply of the deferred visibility
 * replaces the "thinking" message and the others follow in order. When no reply has that visibility,
 * the "thinking" message is deleted first, because Discord gives the first follow-up after a deferral
 * the deferral's visibility, whatever flags it sets.
 */
export async function sendReplies(
  interaction: RepliableInteraction,
  replies: readonly Reply[],
  deferred: Visibility | null,
): Promise<void> {
  const toSend =
    replies.length > 0 ? replies : [{ visibility: 'private' as const, text: discordReplies.done() }];

  if (deferred === null) {
    const [first, ...rest] = toSend;
    if (first !== undefined) await interaction.reply(messageOf(first));
    for (const reply of rest) await interaction.followUp(messageOf(reply));
    return;
  }

  const original = toSend.find((reply) => reply.visibility === deferred);
  if (original === undefined) {
    // NOTE: that a follow-up after the deletion keeps its own flags is checked against the fake only.
    await interaction.deleteReply();
  } else {
    await interaction.editReply({ content: fitMessage(original.text), allowedMentions: NO_PINGS });
  }
  for (const reply of toSend) {
    if (reply !== original) await interaction.followUp(messageOf(reply));
  }
}

/**
 * Tells the person privately that their command failed. Used for errors that escaped the bot layer; it
 * picks the one call Discord still accepts for this interaction.
 */
export async function sendFailure(interaction: RepliableInteraction, text: string): Promise<void> {
  const message = messageOf({ visibility: 'private', text });
  if (interaction.deferred && !interaction.replied) {
    if (interaction.ephemeral === true) {
      await interaction.editReply({ content: message.content, allowedMentions: NO_PINGS });
      return;
    }
    // The deferred message is public; the failure is only for this person.
    await interaction.deleteReply();
    await interaction.followUp(message);
  } else if (interaction.replied || interaction.deferred) {
    await interaction.followUp(message);
  } else {
    await interaction.reply(message);
  }
}

function messageOf(reply: Reply): InteractionReplyOptions & { content: string } {
  return {
    content: fitMessage(reply.text),
    allowedMentions: NO_PINGS,
    ...(reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
