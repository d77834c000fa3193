import { DeliveryError } from '../../bot/errors.js';

/**
 * Twilio error codes for a number that will never receive this message, so the giver moves on to
 * their next channel (https://www.twilio.com/docs/api/errors).
 */
const PERMANENT_CODES: Readonly<Record<number, string>> = {
  21211: 'SMS_INVALID_NUMBER',
  21408: 'SMS_REGION_NOT_ENABLED',
  21610: 'SMS_OPTED_OUT',
  21612: 'SMS_CANNOT_ROUTE',
  21614: 'SMS_NOT_MOBILE',
};

/** Network failures worth another try; the request may not have reached Twilio. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Maps what sending through the twilio client threw to a DeliveryError. Permanent: the codes above and
 * any other 4xx (the request or the number is wrong, and repeating it would not help). Transient: 429,
 * 5xx, timeouts and network errors.
 */
export function toSmsDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;

  const fields = error as { status?: unknown; code?: unknown; message?: unknown };
  const message = typeof fields.message === 'string' ? fields.message : String(error);

  if (typeof fields.status === 'number') {
    const status = fields.status;
    const twilioCode = typeof fields.code === 'number' ? fields.code : null;
    const detail = `Twilio answered HTTP ${status}${twilioCode ? ` with error ${twilioCode}` : ''}: ${message}`;

    if (twilioCode !== null && PERMANENT_CODES[twilioCode]) {
      return new DeliveryError(PERMANENT_CODES[twilioCode], detail, true, undefined, { cause: error });
    }
    if (status === 429)
      return new DeliveryError('SMS_RATE_LIMITED', detail, false, undefined, { cause: error });
    if (status === 401 || status === 403) {
      return new DeliveryError(
        'SMS_AUTH_FAILED',
        `${detail}. Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.`,
        true,
        undefined,
        { cause: error },
      );
    }
    if (status >= 400 && status < 500) {
      return new DeliveryError('SMS_REJECTED', detail, true, undefined, { cause: error });
    }
    return new DeliveryError('SMS_PROVIDER_ERROR', detail, false, undefined, { cause: error });
  }

  if (typeof fields.code === 'string' && TRANSIENT_NETWORK_CODES.has(fields.code)) {
    const timedOut = fields.code === 'ECONNABORTED' || fields.code === 'ETIMEDOUT';
    return new DeliveryError(
      timedOut ? 'SMS_TIMEOUT' : 'SMS_NETWORK_ERROR',
      `The request to Twilio failed (${fields.code}): ${message}`,
      false,
      undefined,
      { cause: error },
    );
  }

  return new DeliveryError('SMS_SEND_FAILED', `Sending the SMS failed: ${message}`, false, undefined, {
    cause: error,
  });
}
