/**
 * The gateway half of the fake Discord: a WebSocket server speaking enough of gateway v10 (JSON, no
 * compression) for discord.js 14: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, RESUME with
 * replay of missed events, and dispatches that the test builds.
 */
import type { Server } from 'node:http';

import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeGuild {
  id: string;
  name: string;
  channelIds: string[];
}

export interface GatewayOptions {
  token: string;
  botUser: { id: string; username: string };
  applicationId: string;
  guilds: FakeGuild[];
  heartbeatIntervalMs: number;
}

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

/** Close code 4004: Discord's "authentication failed". */
const AUTHENTICATION_FAILED = 4004;

export class FakeGateway {
  /** IDENTIFY payloads received, without the token. */
  readonly identifies: { intents: number; compress: boolean }[] = [];
  /** RESUME payloads received: the session and the last sequence number the client had seen. */
  readonly resumes: { sessionId: string; seq: number }[] = [];
  heartbeats = 0;

  private readonly server: WebSocketServer;
  private socket: WebSocket | null = null;
  private ready = false;
  private sessionId: string | null = null;
  private sessionCount = 0;
  private sequence = 0;
  private readonly history: Dispatch[] = [];
  url = '';

  constructor(
    httpServer: Server,
    private readonly options: GatewayOptions,
  ) {
    this.server = new WebSocketServer({ server: httpServer });
    this.server.on('connection', (socket) => this.accept(socket));
  }

  /** Whether a client is connected and has identified or resumed. */
  get isReady(): boolean {
    return this.ready;
  }

  get connectionCount(): number {
    return this.server.clients.size;
  }

  /**
   * Sends a dispatch event. While no client is ready it is only stored, and goes out when the client
   * resumes, as Discord replays missed events.
   */
  dispatch(type: string, data: unknown): void {
    const event: Dispatch = { op: OP.dispatch, t: type, s: ++this.sequence, d: data };
    this.history.push(event);
    if (this.ready) this.send(event);
  }

  /** Closes the connection from the server side, with a close code or (without one) abruptly. */
  dropConnection(closeCode?: number): void {
    const socket = this.socket;
    this.ready = false;
    if (socket === null) return;
    if (closeCode === undefined) socket.terminate();
    else socket.close(closeCode, 'closed by the fake gateway');
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.socket?.terminate();
    this.socket = socket;
    this.ready = false;

    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: Record<string, unknown> | null };
      this.receive(socket, payload);
    });
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.ready = false;
      }
    });
    socket.send(
      JSON.stringify({ op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }),
    );
  }

  private receive(socket: WebSocket, payload: { op: number; d: Record<string, unknown> | null }): void {
    switch (payload.op) {
      case OP.heartbeat:
        this.heartbeats += 1;
        socket.send(JSON.stringify({ op: OP.heartbeatAck }));
        return;
      case OP.identify:
        this.identify(socket, payload.d ?? {});
        return;
      case OP.resume:
        this.resume(socket, payload.d ?? {});
        return;
      default:
        return;
    }
  }

  private identify(socket: WebSocket, data: Record<string, unknown>): void {
    if (data.token !== this.options.token) {
      socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
      return;
    }
    this.identifies.push({ intents: Number(data.intents), compress: data.compress === true });

    this.sessionCount += 1;
    this.sessionId = `fake-session-${this.sessionCount}`;
    this.ready = true;
    this.dispatch('READY', {
      v: 10,
      user: { ...this.options.botUser, discriminator: '0', global_name: null, avatar: null, bot: true },
      guilds: this.options.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: this.sessionId,
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const guild of this.options.guilds)
      this.dispatch('GUILD_CREATE', guildPayload(guild, this.options.botUser.id));
  }

  private resume(socket: WebSocket, data: Record<string, unknown>): void {
    const seq = Number(data.seq);
    if (data.token !== this.options.token || data.session_id !== this.sessionId) {
      // false: the session cannot be resumed, so the client identifies again.
      socket.send(JSON.stringify({ op: OP.invalidSession, d: false }));
      return;
    }
    this.resumes.push({ sessionId: String(data.session_id), seq });

    this.ready = true;
    for (const event of this.history) if (event.s > seq) this.send(event);
    this.dispatch('RESUMED', {});
  }

  private send(event: Dispatch): void {
    this.socket?.send(JSON.stringify(event));
  }
}

function guildPayload(guild: FakeGuild, botUserId: string): unknown {
  return {
    id: guild.id,
    name: guild.name,
    owner_id: botUserId,
    unavailable: false,
    member_count: 1,
    large: false,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '1024',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: guild.channelIds.map((id, position) => ({
      id,
      type: 0,
      guild_id: guild.id,
      name: `channel-${position + 1}`,
      position,
      permission_overwrites: [],
    })),
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date(0).toISOString(),
  };
}
