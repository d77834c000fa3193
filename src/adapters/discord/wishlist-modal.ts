import {
  LabelBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalSubmitInteraction,
} from 'discord.js';

import { LIMITS } from '../../bot/commands/validate.js';
import { wishlistModal } from '../../bot/texts/discord.js';

/** The custom id of the wishlist modal; its submission comes back as a ModalSubmit interaction. */
export const WISHLIST_MODAL_ID = 'santa:wishlist';

const TEXT_INPUT_ID = 'wishlist';

/** Builds the wishlist form, filled in with the current wishlist so that people edit rather than retype. */
export function buildWishlistModal(current: string | null): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(TEXT_INPUT_ID)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(false)
    .setMaxLength(LIMITS.wishlist)
    .setPlaceholder(wishlistModal.placeholder);
  if (current !== null && current !== '') input.setValue(current.slice(0, LIMITS.wishlist));

  const label = new LabelBuilder()
    .setLabel(wishlistModal.label)
    .setDescription(wishlistModal.description)
    .setTextInputComponent(input);

  return new ModalBuilder()
    .setCustomId(WISHLIST_MODAL_ID)
    .setTitle(wishlistModal.title)
    .addLabelComponents(label);
}

/** Returns the wishlist typed into the submitted form; an empty form means an empty wishlist. */
export function readWishlistModal(interaction: ModalSubmitInteraction): string {
  return interaction.fields.getTextInputValue(TEXT_INPUT_ID);
}
