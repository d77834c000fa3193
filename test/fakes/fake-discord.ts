/**
 * A fake Discord on 127.0.0.1 for end-to-end tests with the real discord.js Client: the REST API v10
 * (pointed at with the Client's `rest.api` option) and the gateway WebSocket that GET /gateway/bot
 * names. It records interaction responses, follow-ups, edits and DMs, and can be told to refuse DMs
 * (50007), to forget a user (10013), to fail with 5xx, or to drop the gateway connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FakeGateway, type FakeGuild } from './fake-discord-gateway.js';
import {
  chatInputInteraction,
  modalSubmitInteraction,
  PERMISSIONS,
  snowflake,
  userPayload,
  type FakeUser,
  type OptionValue,
} from './fake-discord-payloads.js';

export { PERMISSIONS, type FakeUser } from './fake-discord-payloads.js';

/**
 * One message the bot sent: an interaction response, a follow-up, an edit or deletion of the original
 * response, or a DM.
 */
export interface SentMessage {
  kind: 'response' | 'followup' | 'edit' | 'delete' | 'dm';
  /** The interaction it responds to; null for DMs. */
  interactionId: string | null;
  /** The interaction callback type (4 reply, 5 deferred, 9 modal); null for other kinds. */
  callbackType: number | null;
  /** The recipient of a DM; null for other kinds. */
  userId: string | null;
  content: string | null;
  ephemeral: boolean;
  /** `allowed_mentions` exactly as the bot sent it, or null when it sent none. */
  allowedMentions: unknown;
  /** The raw `data` of the callback or the message body, for modals and other details. */
  body: Record<string, unknown>;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guild?: FakeGuild;
  heartbeatIntervalMs?: number;
}

const EPHEMERAL = 1 << 6;

interface Routed {
  status: number;
  payload?: unknown;
  headers?: Record<string, string>;
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly guild: FakeGuild;
  readonly botUser = { id: '1100000000000000001', username: 'santa' };
  readonly sent: SentMessage[] = [];
  /** Command registrations received: where, and the JSON bodies. */
  readonly registrations: { guildId: string | null; body: unknown[] }[] = [];
  /** Every REST request as `METHOD /path` (without the version prefix and query). */
  readonly requests: string[] = [];
  readonly gateway: FakeGateway;

  private readonly server: Server;
  private readonly dmsClosed = new Set<string>();
  private readonly unknownUsers = new Set<string>();
  private readonly dmChannels = new Map<string, string>();
  private readonly interactionsByToken = new Map<string, string>();
  private failures: { status: number; remaining: number } | null = null;
  private readonly rateLimitedDms = new Map<string, number>();
  apiUrl = '';

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? '1100000000000000002';
    this.guild = options.guild ?? {
      id: '1100000000000000010',
      name: 'Santa Test Server',
      channelIds: ['1100000000000000020'],
    };
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.gateway = new FakeGateway(this.server, {
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      guilds: [this.guild],
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
    });
  }

  get channelId(): string {
    return this.guild.channelIds[0] ?? '';
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gateway.url = `ws://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes DMs to this user fail with 403 and error 50007, as when they closed DMs from server members. */
  closeDms(userId: string): void {
    this.dmsClosed.add(userId);
  }

  /** Makes opening a DM with this user fail with 404 and error 10013 (Unknown User). */
  forgetUser(userId: string): void {
    this.unknownUsers.add(userId);
  }

  /**
   * Answers the next DM to this user with 429 and `Retry-After: seconds`, as Discord does when a bot
   * sends too fast. discord.js waits that long and sends again.
   */
  rateLimitNextDm(userId: string, seconds: number): void {
    this.rateLimitedDms.set(userId, seconds);
  }

  /** Fails the next `count` authenticated REST requests with `status` (a 5xx to test retries). */
  failNextRequests(count: number, status = 500): void {
    this.failures = { status, remaining: count };
  }

  /** Sends `/santa <subcommand>` as `user` in the fake server; returns the interaction id. */
  command(
    user: FakeUser,
    subcommand: string,
    options: Record<string, OptionValue | undefined> = {},
    where: { permissions?: string; guildId?: string | null } = {},
  ): string {
    const interaction = chatInputInteraction(this.target(user, where), subcommand, options);
    return this.dispatchInteraction(interaction);
  }

  /** Submits a modal as `user`, with the text inputs' values by custom id; returns the interaction id. */
  submitModal(user: FakeUser, customId: string, fields: Record<string, string>): string {
    return this.dispatchInteraction(modalSubmitInteraction(this.target(user, {}), customId, fields));
  }

  /** Returns the messages sent in response to one interaction, in the order they arrived. */
  answersTo(interactionId: string): SentMessage[] {
    return this.sent.filter((message) => message.interactionId === interactionId);
  }

  dmsTo(userId: string): SentMessage[] {
    return this.sent.filter((message) => message.kind === 'dm' && message.userId === userId);
  }

  /** Waits until `check` returns a value other than undefined/false, polling every 10 ms. */
  async waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = check();
      if (result !== undefined && result !== false) return result;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits until the interaction has a final answer: a reply, a modal, or an edit of a deferral. */
  async waitForAnswer(interactionId: string, count = 1): Promise<SentMessage[]> {
    return this.waitFor(() => {
      const answers = this.answersTo(interactionId).filter((message) => message.callbackType !== 5);
      return answers.length >= count ? answers : undefined;
    }, `${count} answer(s) to interaction ${interactionId}`);
  }

  private target(user: FakeUser, where: { permissions?: string; guildId?: string | null }) {
    return {
      applicationId: this.applicationId,
      guildId: where.guildId === undefined ? this.guild.id : where.guildId,
      channelId: this.channelId,
      user,
      permissions: where.permissions ?? PERMISSIONS.member,
    };
  }

  private dispatchInteraction(interaction: { id: string; token: string; payload: unknown }): string {
    this.interactionsByToken.set(interaction.token, interaction.id);
    this.gateway.dispatch('INTERACTION_CREATE', interaction.payload);
    return interaction.id;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/u, '');
    const method = request.method ?? 'GET';
    const body = await readJson(request);
    this.requests.push(`${method} ${path}`);

    const reply = (status: number, payload?: unknown): void => {
      response.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    // Interaction responses and webhooks authenticate with the interaction token in the path.
    const isInteraction = /^\/(interactions|webhooks)\//u.test(path);
    if (!isInteraction && request.headers.authorization !== `Bot ${this.token}`) {
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    if (!isInteraction && this.failures !== null && this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      reply(this.failures.status, { message: 'Internal Server Error', code: 0 });
      return;
    }

    const routed = this.route(method, path, body);
    if (routed.headers !== undefined) {
      for (const [name, value] of Object.entries(routed.headers)) response.setHeader(name, value);
    }
    reply(routed.status, routed.payload);
  }

  private route(method: string, path: string, body: Record<string, unknown>): Routed {
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        payload: {
          url: this.gateway.url,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'GET' && path === '/users/@me') {
      return {
        status: 200,
        payload: { ...userPayload({ id: this.botUser.id, username: this.botUser.username }), bot: true },
      };
    }
    if ((match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/u.exec(path)) && method === 'POST') {
      const data = (body.data ?? {}) as Record<string, unknown>;
      this.record('response', match[1] ?? null, Number(body.type), data);
      return { status: 204 };
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/u.exec(path))) {
      const interactionId = this.interactionsByToken.get(match[2] ?? '') ?? null;
      if (method === 'DELETE') {
        this.record('delete', interactionId, null, {});
        return { status: 204 };
      }
      this.record('edit', interactionId, null, body);
      return { status: 200, payload: this.messagePayload(body) };
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)$/u.exec(path)) && method === 'POST') {
      this.record('followup', this.interactionsByToken.get(match[2] ?? '') ?? null, null, body);
      return { status: 200, payload: this.messagePayload(body) };
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      return this.openDm(String(body.recipient_id));
    }
    if ((match = /^\/channels\/(\d+)\/messages$/u.exec(path)) && method === 'POST') {
      return this.sendDm(match[1] ?? '', body);
    }
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/u.exec(path)) && method === 'PUT') {
      const commands = Array.isArray(body) ? body : [];
      this.registrations.push({ guildId: match[2] ?? null, body: commands });
      return {
        status: 200,
        payload: commands.map((command: Record<string, unknown>) => ({
          ...command,
          id: snowflake(),
          application_id: match?.[1],
          version: snowflake(),
        })),
      };
    }
    return { status: 404, payload: { message: '404: Not Found', code: 0 } };
  }

  private openDm(userId: string): { status: number; payload: unknown } {
    if (this.unknownUsers.has(userId))
      return { status: 404, payload: { message: 'Unknown User', code: 10013 } };

    let channelId = this.dmChannels.get(userId);
    if (channelId === undefined) {
      channelId = snowflake();
      this.dmChannels.set(userId, channelId);
    }
    return {
      status: 200,
      payload: {
        id: channelId,
        type: 1,
        recipients: [{ id: userId, username: `user-${userId}`, discriminator: '0' }],
      },
    };
  }

  private sendDm(channelId: string, body: Record<string, unknown>): Routed {
    const userId = [...this.dmChannels.entries()].find(([, id]) => id === channelId)?.[0];
    if (userId === undefined) return { status: 404, payload: { message: 'Unknown Channel', code: 10003 } };

    const retryAfter = this.rateLimitedDms.get(userId);
    if (retryAfter !== undefined) {
      this.rateLimitedDms.delete(userId);
      return {
        status: 429,
        payload: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        headers: {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-scope': 'user',
        },
      };
    }
    if (this.dmsClosed.has(userId)) {
      return { status: 403, payload: { message: 'Cannot send messages to this user', code: 50007 } };
    }

    this.sent.push({
      kind: 'dm',
      interactionId: null,
      callbackType: null,
      userId,
      content: typeof body.content === 'string' ? body.content : null,
      ephemeral: false,
      allowedMentions: body.allowed_mentions ?? null,
      body,
    });
    return { status: 200, payload: { ...this.messagePayload(body), channel_id: channelId } };
  }

  private record(
    kind: SentMessage['kind'],
    interactionId: string | null,
    callbackType: number | null,
    data: Record<string, unknown>,
  ): void {
    // Like Discord, an edit of a deferred response, and the first follow-up while the deferred
    // response is still "thinking", take the deferral's visibility whatever their own flags say.
    const takesDeferral = kind === 'edit' || (kind === 'followup' && this.isStillThinking(interactionId));
    this.sent.push({
      kind,
      interactionId,
      callbackType,
      userId: null,
      content: typeof data.content === 'string' ? data.content : null,
      ephemeral: takesDeferral
        ? this.deferredEphemeral(interactionId)
        : (Number(data.flags ?? 0) & EPHEMERAL) !== 0,
      allowedMentions: data.allowed_mentions ?? null,
      body: data,
    });
  }

  /** Returns whether the interaction was deferred and nothing has replaced or deleted the deferral yet. */
  private isStillThinking(interactionId: string | null): boolean {
    const answers = this.answersTo(interactionId ?? '');
    return answers.length === 1 && answers[0]?.callbackType === 5;
  }

  /** Returns whether the deferral was ephemeral, because an edit of the original response keeps that visibility. */
  private deferredEphemeral(interactionId: string | null): boolean {
    const deferral = this.sent.find(
      (message) => message.interactionId === interactionId && message.callbackType === 5,
    );
    return deferral?.ephemeral ?? false;
  }

  private messagePayload(body: Record<string, unknown>): Record<string, unknown> {
    return {
      id: snowflake(),
      type: 0,
      channel_id: this.channelId,
      author: { ...userPayload({ id: this.botUser.id, username: this.botUser.username }), bot: true },
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: Number(body.flags ?? 0),
    };
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  return JSON.parse(text) as Record<string, unknown>;
}
