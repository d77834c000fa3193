import type { types, ViewOutput } from '@slack/bolt';

import {
  LIMITS,
  validateAvoidPast,
  validateBudget,
  validateDate,
  validateExchangeName,
  validateWishlist,
} from '../../bot/commands/validate.js';
import { UserError } from '../../bot/errors.js';
import type { CreateOptions } from '../../bot/santa.js';
import { createModalTexts, wishlistModalTexts } from '../../bot/texts/slack.js';

export const CREATE_CALLBACK_ID = 'santa_create';
export const WISHLIST_CALLBACK_ID = 'santa_wishlist';

/** Block ids of the inputs; Slack keys both the submitted values and the validation errors by them. */
export const BLOCK = {
  name: 'name',
  budget: 'budget',
  date: 'date',
  rules: 'rules',
  avoidPast: 'avoid_past',
  wishlist: 'wishlist',
} as const;

/** Every input has this action id, so a value is found at `values[blockId][ACTION]`. */
const ACTION = 'value';

/**
 * Where the replies to a submission go. Modals carry it in `private_metadata` because a submission
 * says nothing about the channel the command came from.
 */
export interface ModalOrigin {
  channelId: string;
  /** The slash command's response_url, valid for 30 minutes; null when there was none. */
  responseUrl: string | null;
}

export type Submission<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

/** Builds the create modal: name, budget, date, the two rules and how many past exchanges to avoid. */
export function createModal(origin: ModalOrigin): types.ModalView {
  const texts = createModalTexts;
  return modal(CREATE_CALLBACK_ID, origin, texts, [
    {
      type: 'input',
      block_id: BLOCK.name,
      label: plain(texts.nameLabel),
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        max_length: LIMITS.exchangeName,
        placeholder: plain(texts.namePlaceholder),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.budget,
      optional: true,
      label: plain(texts.budgetLabel),
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        max_length: LIMITS.budget,
        placeholder: plain(texts.budgetPlaceholder),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.date,
      optional: true,
      label: plain(texts.dateLabel),
      element: { type: 'datepicker', action_id: ACTION },
    },
    {
      type: 'input',
      block_id: BLOCK.rules,
      optional: true,
      label: plain(texts.rulesLabel),
      element: {
        type: 'checkboxes',
        action_id: ACTION,
        options: [
          {
            value: 'no_reciprocal',
            text: plain(texts.noReciprocal),
            description: plain(texts.noReciprocalHint),
          },
          { value: 'single_loop', text: plain(texts.singleLoop), description: plain(texts.singleLoopHint) },
        ],
      },
    },
    {
      type: 'input',
      block_id: BLOCK.avoidPast,
      optional: true,
      label: plain(texts.avoidPastLabel),
      hint: plain(texts.avoidPastHint),
      element: {
        type: 'number_input',
        action_id: ACTION,
        is_decimal_allowed: false,
        min_value: '0',
        max_value: String(LIMITS.avoidPast),
        initial_value: '0',
      },
    },
  ]);
}

/** Builds the wishlist modal, filled with the person's current wishlist. */
export function wishlistModal(origin: ModalOrigin, current: string | null): types.ModalView {
  const texts = wishlistModalTexts;
  return modal(WISHLIST_CALLBACK_ID, origin, texts, [
    {
      type: 'input',
      block_id: BLOCK.wishlist,
      optional: true,
      label: plain(texts.label),
      hint: plain(texts.hint),
      element: {
        type: 'plain_text_input',
        action_id: ACTION,
        multiline: true,
        max_length: LIMITS.wishlist,
        placeholder: plain(texts.placeholder),
        ...(current === null ? {} : { initial_value: current }),
      },
    },
  ]);
}

function modal(
  callbackId: string,
  origin: ModalOrigin,
  texts: { title: string; submit: string; close: string },
  blocks: types.KnownBlock[],
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeOrigin(origin),
    title: plain(texts.title),
    submit: plain(texts.submit),
    close: plain(texts.close),
    blocks,
  };
}

/**
 * Reads and validates a submitted create modal with the same checks as the typed command. Slack's
 * own input limits are checked again here, because a submission is only as trustworthy as its
 * signature and older clients ignore some limits.
 */
export function readCreateSubmission(view: ViewOutput): Submission<CreateOptions> {
  const errors: Record<string, string> = {};
  const options: CreateOptions = {};
  const check = (block: string, read: () => void): void => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors[block] = error.message;
    }
  };

  check(BLOCK.name, () => {
    options.exchangeName = validateExchangeName(inputValue(view, BLOCK.name)?.value ?? '');
  });
  check(BLOCK.budget, () => {
    const budget = inputValue(view, BLOCK.budget)?.value ?? '';
    if (budget.trim() !== '') options.budget = validateBudget(budget);
  });
  check(BLOCK.date, () => {
    const date = inputValue(view, BLOCK.date)?.selected_date ?? '';
    if (date !== '') options.date = validateDate(date);
  });
  check(BLOCK.avoidPast, () => {
    const avoidPast = inputValue(view, BLOCK.avoidPast)?.value ?? '';
    options.rules = {
      ...options.rules,
      avoidPast: avoidPast.trim() === '' ? 0 : validateAvoidPast(avoidPast),
    };
  });

  const chosen = new Set(
    (inputValue(view, BLOCK.rules)?.selected_options ?? []).map((option) => option.value),
  );
  options.rules = {
    ...options.rules,
    noReciprocal: chosen.has('no_reciprocal'),
    singleLoop: chosen.has('single_loop'),
  };

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: options };
}

/** Reads and validates a submitted wishlist modal; an empty wishlist clears it. */
export function readWishlistSubmission(view: ViewOutput): Submission<string> {
  try {
    return { ok: true, value: validateWishlist(inputValue(view, BLOCK.wishlist)?.value ?? '') };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false, errors: { [BLOCK.wishlist]: error.message } };
  }
}

/** Returns where a modal came from, or null when its metadata is not ours. */
export function decodeOrigin(privateMetadata: string): ModalOrigin | null {
  try {
    const parsed = JSON.parse(privateMetadata) as { c?: unknown; r?: unknown };
    if (typeof parsed.c !== 'string' || parsed.c === '') return null;
    return { channelId: parsed.c, responseUrl: typeof parsed.r === 'string' ? parsed.r : null };
  } catch {
    return null;
  }
}

function encodeOrigin(origin: ModalOrigin): string {
  return JSON.stringify({ c: origin.channelId, r: origin.responseUrl });
}

function inputValue(
  view: ViewOutput,
  block: string,
): ViewOutput['state']['values'][string][string] | undefined {
  return view.state.values[block]?.[ACTION];
}
