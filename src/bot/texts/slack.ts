/**
 * Wording that only the Slack app shows: the modals' titles and labels, a few private replies about
 * Slack itself, and the footer of the DM. Slack limits modal titles and button labels to 24
 * characters. The reveal itself is worded in ./reveal.ts like every other channel's.
 */

export const createModalTexts = {
  title: 'New Secret Santa',
  submit: 'Create',
  close: 'Cancel',
  nameLabel: 'Exchange name',
  namePlaceholder: 'Office Secret Santa 2026',
  budgetLabel: 'Budget',
  budgetPlaceholder: '£20',
  dateLabel: 'Exchange date',
  rulesLabel: 'Rules',
  noReciprocal: 'No reciprocal pairs',
  noReciprocalHint: 'Nobody draws the person who draws them.',
  singleLoop: 'One single loop',
  singleLoopHint: 'Everyone is in one chain instead of several small circles.',
  avoidPastLabel: 'Avoid repeats from past exchanges',
  avoidPastHint: 'How many earlier exchanges in this workspace to avoid repeating pairings from (0 = off).',
} as const;

export const wishlistModalTexts = {
  title: 'Your wishlist',
  submit: 'Save',
  close: 'Cancel',
  label: 'Gift ideas for your Secret Santa',
  placeholder: 'Books, board games, anything with cats…',
  hint: 'Your Secret Santa sees this next to your name. Leave it empty to clear it.',
} as const;

/** Private replies that only the Slack app sends. */
export const slackReplies = {
  formUnavailable:
    'Slack could not open the form. Try again, or type the command in full (see `/santa help`).',
  unexpected: 'Something went wrong on our side and it was logged. Try again in a minute.',
} as const;

/** The title of a reveal DM. It holds no typed value, so nothing in it needs escaping. */
export const revealHeader = '🎁 Your Secret Santa draw';

/** The line under a reveal DM. */
export const revealFooter =
  'Keep it secret! Type `/santa who` in the exchange channel to get this message again.';
