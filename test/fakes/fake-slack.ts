/**
 * A fake Slack for tests and benchmarks, on 127.0.0.1 only. It plays both sides of Slack:
 * - the Web API that the real WebClient calls (through `slackApiUrl`): auth.test, conversations.open,
 *   chat.postMessage, chat.postEphemeral, views.open, users.info and apps.connections.open, plus
 *   response_url endpoints, recording every call;
 * - the sender of signed slash commands and view submissions to the app's HTTP receiver.
 * Failures are programmable: a permanent error per user, the next N calls of a method, and a rate
 * limit per method that responds with 429 and Retry-After as Slack does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TEAM_ID = 'T0FAKE';
export const FAKE_BOT_USER_ID = 'U0BOT';
export const FAKE_BOT_ID = 'B0BOT';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | null;
  /** Whether the fake accepted the call (false for every programmed failure and a wrong token). */
  ok: boolean;
}

export interface RecordedResponse {
  key: string;
  body: Record<string, unknown>;
}

/** A canned failure: a Slack platform error (HTTP 200, ok: false), a 429, or another HTTP status. */
export type Failure = { error: string } | { status: 429; retryAfter?: number } | { status: number };

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
}

interface RateLimit {
  perSecond: number;
  accepted: number[];
}

/** JSON-encoded form fields the WebClient sends for object arguments. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  /** Count of 429 responses so far, per method. */
  readonly rateLimited = new Map<string, number>();
  socketUrl: string | null = null;

  private server: Server | null = null;
  private port = 0;
  private nextTs = 1;
  private nextViewId = 1;
  private readonly users = new Map<string, FakeUser>();
  private readonly userFailures = new Map<string, { method: string; error: string }>();
  private readonly queuedFailures = new Map<string, Failure[]>();
  private readonly limits = new Map<string, RateLimit>();
  private readonly delays = new Map<string, number>();

  constructor(
    readonly botToken = 'xoxb-fake-bot-token',
    readonly appToken = 'xapp-fake-app-token',
    private readonly now: () => number = () => performance.now(),
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The base URL to give the WebClient as `slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** Returns a response_url for one slash command. What is posted to it lands in `responses`. */
  responseUrl(key: string): string {
    return `http://127.0.0.1:${this.port}/response/${encodeURIComponent(key)}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Makes every `method` call about this user fail with `error` (conversations.open by default). */
  failUser(userId: string, error: string, method = 'conversations.open'): void {
    this.userFailures.set(userId, { method, error });
  }

  /** Makes the next `times` calls of `method` fail as given. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.queuedFailures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queuedFailures.set(method, queue);
  }

  /** Responds with 429 and `Retry-After: 1` to calls of `method` beyond `perSecond` in any rolling second. */
  limitRate(method: string, perSecond: number): void {
    this.limits.set(method, { perSecond, accepted: [] });
  }

  /** Holds every answer to `method` for `ms` milliseconds, like a slow Slack. */
  slowDown(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages that chat.postMessage accepted for the DM of `userId`. */
  dmsTo(userId: string): RecordedCall[] {
    return this.callsOf('chat.postMessage').filter(
      (call) => call.ok && call.args.channel === dmChannelId(userId),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith('/response/')) {
      const key = decodeURIComponent(url.pathname.slice('/response/'.length));
      this.responses.push({ key, body: JSON.parse(body || '{}') as Record<string, unknown> });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }

    if (!url.pathname.startsWith('/api/')) {
      response.writeHead(404).end();
      return;
    }

    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(body, request.headers['content-type']);
    const token = /^Bearer (.+)$/u.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const call: RecordedCall = { method, args, token, ok: false };
    this.calls.push(call);
    const delay = this.delays.get(method);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));

    const failure = this.failureFor(method, args);
    if (failure !== null) {
      this.sendFailure(response, method, failure);
      return;
    }
    const expectedToken = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (token !== expectedToken) {
      sendJson(response, { ok: false, error: 'invalid_auth' });
      return;
    }
    const answer = this.answer(method, args);
    call.ok = answer.ok === true;
    sendJson(response, answer);
  }

  private failureFor(method: string, args: Record<string, unknown>): Failure | null {
    const queued = this.queuedFailures.get(method);
    if (queued !== undefined && queued.length > 0) return queued.shift() as Failure;

    for (const [userId, failure] of this.userFailures) {
      if (failure.method !== method) continue;
      const about = [args.users, args.user, args.channel];
      if (about.includes(userId) || about.includes(dmChannelId(userId))) return { error: failure.error };
    }

    const limit = this.limits.get(method);
    if (limit !== undefined) {
      const now = this.now();
      while (limit.accepted.length > 0 && (limit.accepted[0] as number) <= now - 1_000)
        limit.accepted.shift();
      if (limit.accepted.length >= limit.perSecond) return { status: 429, retryAfter: 1 };
      limit.accepted.push(now);
    }
    return null;
  }

  private sendFailure(response: ServerResponse, method: string, failure: Failure): void {
    if ('error' in failure) {
      sendJson(response, { ok: false, error: failure.error });
      return;
    }
    if (failure.status === 429) {
      this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1);
      const retryAfter = 'retryAfter' in failure ? failure.retryAfter : 1;
      response.writeHead(429, { 'retry-after': String(retryAfter ?? 1), 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    response.writeHead(failure.status, { 'content-type': 'text/plain' }).end('fake failure');
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.invalid/',
          team: 'Fake',
          user: 'santa',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
        };
      case 'conversations.open':
        return { ok: true, channel: { id: dmChannelId(String(args.users)) } };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: this.takeTs(), message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.takeTs() };
      case 'views.open': {
        const view = (args.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { ...view, id: `V${this.nextViewId++}`, team_id: FAKE_TEAM_ID } };
      }
      case 'users.info':
        return this.userInfo(String(args.user));
      case 'apps.connections.open':
        return this.socketUrl === null
          ? { ok: false, error: 'no_socket_server' }
          : { ok: true, url: this.socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private userInfo(userId: string): Record<string, unknown> {
    const user = this.users.get(userId);
    if (user === undefined) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: FAKE_TEAM_ID,
        name: user.name,
        real_name: user.realName ?? user.name,
        profile: { real_name: user.realName ?? user.name, display_name: user.displayName ?? '' },
      },
    };
  }

  private takeTs(): string {
    const ts = this.nextTs++;
    return `1700000000.${String(ts).padStart(6, '0')}`;
  }
}

/** Returns the DM channel id that the fake gives the app's conversation with a user. */
export function dmChannelId(userId: string): string {
  return `D${userId}`;
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (body === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;

  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

function sendJson(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/* ------------------------------ Slack -> app ------------------------------ */

/** Slack's v0 request signature: HMAC-SHA256 of `v0:TIMESTAMP:BODY` under the signing secret. */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return `v0=${digest}`;
}

export interface SignedPostOptions {
  signingSecret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature, to forge one. */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface AppResponse {
  status: number;
  body: string;
}

/** Posts a form body to the app as Slack does, signed. */
export async function postSigned(
  url: string,
  body: string,
  options: SignedPostOptions,
): Promise<AppResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1_000);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.signingSecret, timestamp, body),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;

  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

export interface SlashCommand {
  userId: string;
  userName?: string;
  text: string;
  channelId?: string;
  teamId?: string;
  /** Unique per invocation; Slack keeps it on retries. */
  triggerId?: string;
  responseUrl?: string;
}

let triggerCounter = 0;

/** Builds the form body that Slack sends for `/santa TEXT`. */
export function slashCommandBody(command: SlashCommand): string {
  triggerCounter += 1;
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: command.teamId ?? FAKE_TEAM_ID,
    team_domain: 'fake',
    channel_id: command.channelId ?? 'C0SANTA',
    channel_name: 'secret-santa',
    user_id: command.userId,
    user_name: command.userName ?? command.userId.toLowerCase(),
    command: '/santa',
    text: command.text,
    api_app_id: 'A0SANTA',
    is_enterprise_install: 'false',
    response_url: command.responseUrl ?? 'http://127.0.0.1:9/unused',
    trigger_id: command.triggerId ?? `trigger-${process.pid}-${triggerCounter}`,
  }).toString();
}

export interface ViewSubmission {
  userId: string;
  teamId?: string;
  /** The view as the app opened it (from the recorded views.open call). */
  view: Record<string, unknown>;
  /** Input values by block id, then action id, in the shape Slack's `view.state.values` uses. */
  values: Record<string, Record<string, Record<string, unknown>>>;
}

/** Builds the form body that Slack sends when someone submits a modal. */
export function viewSubmissionBody(submission: ViewSubmission): string {
  const teamId = submission.teamId ?? FAKE_TEAM_ID;
  triggerCounter += 1;
  const payload = {
    type: 'view_submission',
    team: { id: teamId, domain: 'fake' },
    user: { id: submission.userId, username: submission.userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0SANTA',
    token: 'deprecated-verification-token',
    trigger_id: `trigger-${process.pid}-${triggerCounter}`,
    view: {
      ...submission.view,
      id: submission.view.id ?? 'V0',
      team_id: teamId,
      state: { values: submission.values },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
