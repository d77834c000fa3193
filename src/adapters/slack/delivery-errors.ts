import { webApi } from '@slack/bolt';

import { DeliveryError } from '../../bot/errors.js';

/**
 * Slack Web API error codes after which a DM to this person will never go through, so the outbox
 * moves the giver to their next channel (SMS, email) instead of retrying.
 */
const PERMANENT_PERSON_ERRORS = new Set([
  'user_not_found',
  'user_disabled',
  'users_not_found',
  'cannot_dm_bot',
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'user_not_visible',
  'restricted_action',
  'messages_tab_disabled',
]);

/**
 * Error codes that mean the token cannot send at all (revoked, app uninstalled, scope removed).
 * Retrying with the same token never succeeds, so these are permanent too: the person is still reached
 * by SMS or email, and the log says at error level that the operator must fix the Slack app.
 */
export const PERMANENT_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'ekm_access_denied',
]);

/** Error codes that Slack documents as temporary server-side conditions. */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** How long to wait after a 429 that carried no usable Retry-After header. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

const { ErrorCode } = webApi;
const WEB_API_ERROR_CODES = new Set<string>(Object.values(ErrorCode));

function isWebApiError(error: unknown): error is webApi.WebAPICallError {
  return error instanceof Error && 'code' in error && WEB_API_ERROR_CODES.has(String(error.code));
}

/**
 * Classifies what the Slack WebClient threw as a DeliveryError. The client is built with no retries of
 * its own and `rejectRateLimitedCalls`, so a 429 arrives here and the outbox waits the Retry-After.
 * Platform errors not known to be temporary count as permanent: Slack returns them for the request as
 * sent, and the same request would fail the same way. HTTP 5xx and network failures are transient.
 */
export function toSlackDeliveryError(error: unknown, method: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (!isWebApiError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new DeliveryError('slack_request_failed', `Slack ${method} failed: ${detail}`, false, undefined, {
      cause: error,
    });
  }

  switch (error.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError(
        'slack_ratelimited',
        `Slack ${method} was rate limited; retry after ${error.retryAfter} s`,
        false,
        error.retryAfter * 1_000,
        { cause: error },
      );
    case ErrorCode.HTTPError: {
      const permanent = error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 408;
      return new DeliveryError(
        `slack_http_${error.statusCode}`,
        `Slack ${method} answered HTTP ${error.statusCode} ${error.statusMessage}`,
        permanent,
        undefined,
        { cause: error },
      );
    }
    case ErrorCode.PlatformError: {
      const code = error.data.error;
      const permanent =
        PERMANENT_PERSON_ERRORS.has(code) || PERMANENT_TOKEN_ERRORS.has(code) || !TRANSIENT_ERRORS.has(code);
      const retryAfterMs =
        code === 'ratelimited' || code === 'rate_limited' ? DEFAULT_RATE_LIMIT_WAIT_MS : undefined;
      return new DeliveryError(
        `slack_${code}`,
        `Slack ${method} failed with ${code}`,
        permanent,
        retryAfterMs,
        {
          cause: error,
        },
      );
    }
    default:
      return new DeliveryError(
        'slack_request_failed',
        `Slack ${method} failed: ${error.message}`,
        false,
        undefined,
        {
          cause: error,
        },
      );
  }
}
