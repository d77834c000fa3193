/**
 * A fake Twilio REST API on 127.0.0.1 for the real twilio client: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth. The magic test numbers of Twilio's
 * test credentials return their documented errors. Tests can also queue failures (429 with
 * Retry-After, 500, 503), cap the accepted requests per second, and delay every response.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const FAKE_AUTH_TOKEN = 'fake-twilio-auth-token';
export const FAKE_FROM = '+15005550006';

/** Recipient numbers for which Twilio's test credentials return an error (HTTP 400). */
export const MAGIC_TO_ERRORS: Readonly<Record<string, { code: number; message: string }>> = {
  '+15005550001': { code: 21211, message: "The 'To' number is not a valid phone number." },
  '+15005550002': { code: 21612, message: "The 'To' phone number is not currently reachable via SMS." },
  '+15005550003': { code: 21408, message: 'Permission to send an SMS has not been enabled for the region.' },
  '+15005550004': { code: 21610, message: 'Attempt to send to unsubscribed recipient.' },
  '+15005550009': { code: 21614, message: "The 'To' number is not a valid mobile number." },
};

/** Sender numbers for which Twilio's test credentials return an error (HTTP 400). */
export const MAGIC_FROM_ERRORS: Readonly<Record<string, { code: number; message: string }>> = {
  '+15005550001': { code: 21212, message: "The 'From' number is not a valid phone number." },
  '+15005550007': { code: 21606, message: "The 'From' phone number is not owned by your account." },
  '+15005550008': {
    code: 21611,
    message: "This 'From' number has exceeded the maximum number of queued messages.",
  },
};

export interface RecordedSms {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
}

export type QueuedFailure =
  { status: 429; retryAfterSeconds?: number } | { status: 500 | 503; retryAfterSeconds?: number };

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Delay before answering each accepted message, after recording it, so a crash can land mid-request. */
  responseDelayMs?: number;
  /** Messages accepted per wall-clock second; requests beyond it get 429 with Retry-After. */
  ratePerSecond?: number | null;
}

export class FakeTwilio {
  /** Every accepted message, in the order received. */
  readonly messages: RecordedSms[] = [];
  /** Every request received, accepted or not. */
  requestCount = 0;
  /** Answers of 429 sent because of the rate limit. */
  rateLimitedCount = 0;

  readonly accountSid: string;
  readonly authToken: string;
  responseDelayMs: number;
  ratePerSecond: number | null;

  private server: Server | null = null;
  private readonly queued: QueuedFailure[] = [];
  private readonly queuedByNumber = new Map<string, QueuedFailure[]>();
  private window = { second: -1, accepted: 0 };

  constructor(options: FakeTwilioOptions = {}) {
    this.accountSid = options.accountSid ?? FAKE_ACCOUNT_SID;
    this.authToken = options.authToken ?? FAKE_AUTH_TOKEN;
    this.responseDelayMs = options.responseDelayMs ?? 0;
    this.ratePerSecond = options.ratePerSecond ?? null;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => void this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The base URL to pass as TWILIO_API_URL. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The fake Twilio is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Returns the environment variables that point santa at this fake. */
  env(): Record<string, string> {
    return {
      TWILIO_ACCOUNT_SID: this.accountSid,
      TWILIO_AUTH_TOKEN: this.authToken,
      TWILIO_FROM: FAKE_FROM,
      TWILIO_API_URL: this.url,
    };
  }

  /** Answers the next `count` message requests with `failure` instead of accepting them. */
  failNext(count: number, failure: QueuedFailure): void {
    for (let i = 0; i < count; i++) this.queued.push(failure);
  }

  /** Answers the next `count` requests to the number `to` with `failure`. */
  failNextTo(to: string, count: number, failure: QueuedFailure): void {
    const queue = this.queuedByNumber.get(to) ?? [];
    for (let i = 0; i < count; i++) queue.push(failure);
    this.queuedByNumber.set(to, queue);
  }

  messagesTo(number: string): RecordedSms[] {
    return this.messages.filter((message) => message.to === number);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    this.requestCount += 1;

    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/u.exec(path);
    if (request.method !== 'POST' || !match) {
      return sendError(response, 404, 20404, `The requested resource ${path} was not found`);
    }
    if (match[1] !== this.accountSid || !this.isAuthorised(request)) {
      return sendError(response, 401, 20003, 'Authenticate');
    }

    const form = new URLSearchParams(body);
    const queued = this.queuedByNumber.get(form.get('To') ?? '')?.shift() ?? this.queued.shift();
    if (queued) {
      const headers: Record<string, string> =
        queued.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(queued.retryAfterSeconds) };
      const code = queued.status === 429 ? 20429 : 20500;
      return sendError(response, queued.status, code, 'Queued failure of the fake Twilio', headers);
    }
    if (this.overRateLimit()) {
      this.rateLimitedCount += 1;
      return sendError(response, 429, 20429, 'Too Many Requests', { 'Retry-After': '1' });
    }

    const message = this.validate(form, response);
    if (!message) return;

    this.messages.push(message);
    if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
    send(response, 201, {
      sid: message.sid,
      account_sid: this.accountSid,
      to: message.to,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      body: message.body,
      status: 'queued',
      api_version: '2010-04-01',
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
    });
  }

  private validate(form: URLSearchParams, response: ServerResponse): RecordedSms | null {
    const to = form.get('To');
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    const body = form.get('Body');

    const problem = ((): { code: number; message: string } | undefined => {
      if (!to) return { code: 21604, message: "A 'To' phone number is required." };
      if (!from && !messagingServiceSid)
        return { code: 21603, message: "A 'From' phone number is required." };
      if (!body) return { code: 21602, message: 'Message body is required.' };
      if (from && MAGIC_FROM_ERRORS[from]) return MAGIC_FROM_ERRORS[from];
      if (MAGIC_TO_ERRORS[to]) return MAGIC_TO_ERRORS[to];
      if (!/^\+[1-9]\d{6,14}$/u.test(to))
        return { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` };
      return undefined;
    })();
    if (problem || !to || !body) {
      sendError(response, 400, problem?.code ?? 21211, problem?.message ?? 'Invalid request');
      return null;
    }

    return { sid: `SM${randomBytes(16).toString('hex')}`, to, from, messagingServiceSid, body };
  }

  private isAuthorised(request: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return request.headers.authorization === expected;
  }

  private overRateLimit(): boolean {
    if (this.ratePerSecond === null) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.window.second) this.window = { second, accepted: 0 };
    if (this.window.accepted >= this.ratePerSecond) return true;
    this.window.accepted += 1;
    return false;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(
    response,
    status,
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    headers,
  );
}
