import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The path of the health endpoint, for load balancers and container health checks. */
export const HEALTH_PATH = '/healthz';

/** The health endpoint's report; `mode` names what is running, for example `socket` or `discord`. */
export type HealthState = () => { healthy: boolean; mode: string };

/** Writes the health response: 200 with `{"status":"ok"}` when healthy, 503 otherwise. */
export function writeHealth(response: ServerResponse, state: HealthState): void {
  const { healthy, mode } = state();
  response.writeHead(healthy ? 200 : 503, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', mode }));
}

/**
 * Starts a small HTTP server with only the health endpoint, for when no Slack HTTP receiver runs:
 * Slack's Socket Mode, a Discord-only install, or the delivery worker alone.
 */
export async function startHealthServer(host: string, port: number, state: HealthState): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
      writeHealth(response, state);
      return;
    }
    response.writeHead(404).end();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export function addressOf(server: Server): AddressInfo | null {
  const address = server.address();
  return address !== null && typeof address === 'object' ? address : null;
}
