import type { TextFormat } from './types.js';

/**
 * A TextFormat for plain text: the CLI, logs and SMS. Nothing is marked up and nothing needs escaping,
 * because plain text cannot ping anyone.
 */
export const plainFormat: TextFormat = {
  escape: (userText) => userText,
  bold: (text) => text,
  mention: (_userId, fallbackName) => fallbackName,
  code: (text) => text,
};
