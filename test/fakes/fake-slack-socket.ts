/**
 * A fake Socket Mode endpoint on 127.0.0.1: the WebSocket server whose URL apps.connections.open
 * returns. It greets each connection with `hello`, sends envelopes as Slack does, and resolves each
 * envelope's promise with the app's acknowledgement (`{ envelope_id, payload }`).
 */
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export class FakeSlackSocket {
  private server: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  private nextEnvelope = 1;
  private readonly waiting = new Map<string, (ack: SocketAck) => void>();
  private connectedResolve: () => void = () => {};

  /** Resolves when the app has connected and been sent `hello`. */
  readonly connected = new Promise<void>((resolve) => {
    this.connectedResolve = resolve;
  });

  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));

    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.receive(String(data)));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0SANTA' } }),
      );
      this.connectedResolve();
    });
    return this;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `ws://127.0.0.1:${address?.port ?? 0}/link/?ticket=fake`;
  }

  /** Sends a `slash_commands` envelope with the command's fields and resolves with the app's ack. */
  sendSlashCommand(payload: Record<string, string>, retryAttempt = 0): Promise<SocketAck> {
    return this.sendEnvelope('slash_commands', payload, retryAttempt);
  }

  sendEnvelope(type: string, payload: Record<string, unknown>, retryAttempt = 0): Promise<SocketAck> {
    const socket = this.socket;
    if (socket === null)
      return Promise.reject(new Error('No app is connected to the fake Socket Mode server'));

    const envelopeId = `envelope-${this.nextEnvelope++}`;
    const acked = new Promise<SocketAck>((resolve) => this.waiting.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? 'timeout' : '',
      }),
    );
    return acked;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as SocketAck;
    const resolve = this.waiting.get(message.envelope_id);
    if (resolve === undefined) return;
    this.waiting.delete(message.envelope_id);
    resolve(message);
  }
}
