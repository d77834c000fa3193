import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import type * as ResponseModule from 'twilio/lib/http/response.js';

import { DeliveryError } from '../../bot/errors.js';

type RequestOptions<TData> = BaseRequestClient.RequestOptions<TData>;
type TwilioResponse<TData> = ResponseModule.default<TData>;

/**
 * The twilio package's own RequestClient (axios underneath), with two changes: requests go to `apiUrl`
 * instead of https://*.twilio.com when one is configured (a proxy, or a loopback fake in tests), and a
 * 429 or 503 answer carrying Retry-After is turned into a transient DeliveryError here, because
 * the RestException that the client raises for it drops the response headers.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly apiUrl: URL | null;

  constructor(options: { apiUrl?: string; timeoutMs: number }) {
    super({ timeout: options.timeoutMs, keepAlive: true, autoRetry: false });
    this.apiUrl = options.apiUrl ? new URL(options.apiUrl) : null;
  }

  override async request<TData>(options: RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const response = await super.request<TData>({ ...options, uri: this.rebase(options.uri) });

    const retryAfterMs = parseRetryAfter(headerOf(response.headers, 'retry-after'));
    if ((response.statusCode === 429 || response.statusCode === 503) && retryAfterMs !== undefined) {
      throw new DeliveryError(
        response.statusCode === 429 ? 'SMS_RATE_LIMITED' : 'SMS_UNAVAILABLE',
        `Twilio answered HTTP ${response.statusCode} and asked to retry after ${retryAfterMs} ms.`,
        false,
        retryAfterMs,
      );
    }
    return response;
  }

  /** Keeps the path and query of a Twilio URL and puts it under `apiUrl`, keeping any path prefix there. */
  private rebase(uri: string): string {
    if (this.apiUrl === null) return uri;
    const original = new URL(uri);
    const rebased = new URL(this.apiUrl.href);
    rebased.pathname = `${rebased.pathname.replace(/\/$/u, '')}${original.pathname}`;
    rebased.search = original.search;
    return rebased.href;
  }
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Parses Retry-After (RFC 9110): delay-seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/u.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
