/**
 * SMS length rules (3GPP TS 23.038 and 23.040). A message in the GSM 7-bit alphabet fits 160 characters
 * in one segment, or 153 per segment when split. One character outside that alphabet makes the whole
 * message UCS-2, which fits 70 UTF-16 code units in one segment, or 67 per segment when split.
 * Characters of the GSM extension table take two septets, and neither an escape pair nor a surrogate
 * pair is split across segments.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const gsmBasic = new Set(GSM_BASIC);
const gsmExtension = new Set(GSM_EXTENSION);

/** Maximum segments per SMS, because carriers bill each segment and may deliver them out of order. */
export const MAX_SMS_SEGMENTS = 2;

/** Returns whether every character of `text` is in the GSM 7-bit alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (!gsmBasic.has(char) && !gsmExtension.has(char)) return false;
  }
  return true;
}

/** Returns how many segments `text` takes as one SMS. */
export function countSmsSegments(text: string): number {
  const gsm = isGsm7(text);
  const units = [...text].map((char) => {
    if (!gsm) return char.length;
    return gsmExtension.has(char) ? 2 : 1;
  });
  const total = units.reduce((sum, size) => sum + size, 0);

  const single = gsm ? 160 : 70;
  if (total <= single) return 1;

  const perSegment = gsm ? 153 : 67;
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perSegment) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/** Returns whether `text` fits in MAX_SMS_SEGMENTS segments. */
export function fitsSms(text: string): boolean {
  return countSmsSegments(text) <= MAX_SMS_SEGMENTS;
}

/** Cuts `text` to `length` code points and marks the cut, with "..." while the text is GSM-7. */
export function truncateWithEllipsis(text: string, length: number): string {
  const chars = [...text];
  if (chars.length <= length) return text;
  const cut = chars.slice(0, Math.max(0, length)).join('').trimEnd();
  return isGsm7(cut) ? `${cut}...` : `${cut}…`;
}

/** Shorteners that a message builder applies to the parts that may be cut. */
export interface SmsLimits {
  /** The wishlist, possibly cut, or null when it had to be dropped. */
  wishlist(text: string): string | null;
  exchangeName(text: string): string;
}

/**
 * Builds the longest message that fits in MAX_SMS_SEGMENTS segments. It cuts the wishlist first, then
 * drops it, then cuts the exchange name, and as a last resort cuts the whole message.
 */
export function fitSms(build: (limits: SmsLimits) => string): string {
  const full = build({ wishlist: (text) => text, exchangeName: (text) => text });
  if (fitsSms(full)) return full;

  // A wishlist shorter than this is not worth sending.
  const minimumWishlist = 8;
  let longestWishlist = 0;
  build({
    wishlist: (text) => {
      longestWishlist = [...text].length;
      return text;
    },
    exchangeName: (text) => text,
  });
  for (let length = longestWishlist - 1; length >= minimumWishlist; length--) {
    const candidate = build({
      wishlist: (text) => truncateWithEllipsis(text, length),
      exchangeName: (text) => text,
    });
    if (fitsSms(candidate)) return candidate;
  }

  const withoutWishlist = (exchangeName: (text: string) => string): string =>
    build({ wishlist: () => null, exchangeName });
  const shorter = withoutWishlist((text) => text);
  if (fitsSms(shorter)) return shorter;

  for (let length = 40; length >= 8; length -= 8) {
    const candidate = withoutWishlist((text) => truncateWithEllipsis(text, length));
    if (fitsSms(candidate)) return candidate;
  }

  let last = withoutWishlist((text) => truncateWithEllipsis(text, 8));
  while (!fitsSms(last)) last = truncateWithEllipsis(last, [...last].length - 4);
  return last;
}
