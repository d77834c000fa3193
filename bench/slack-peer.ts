/**
 * The Slack side of the Slack benchmark, run in a worker thread so that its work (the fake Web API
 * and the load generator sending signed commands) does not share the app's event loop, as it would
 * not in production. The main thread sends requests and gets one response message per request id.
 */
import { Agent, request as httpRequest } from 'node:http';
import { parentPort } from 'node:worker_threads';

import { FakeSlack, postSigned, slackSignature, slashCommandBody } from '../test/fakes/fake-slack.js';

export type PeerRequest =
  | { type: 'start' }
  | { type: 'addUsers'; ids: string[] }
  | { type: 'command'; url: string; signingSecret: string; userId: string; text: string; channelId: string }
  | {
      type: 'joins';
      url: string;
      signingSecret: string;
      users: string[];
      channelId: string;
      inFlight: number;
    }
  | { type: 'limitRate'; method: string; perSecond: number }
  | { type: 'stats'; users: string[] }
  | { type: 'stop' };

export interface PeerStats {
  /** Accepted DMs per user, in the order asked. */
  dmCounts: number[];
  postCalls: number;
  rateLimited: number;
}

const slack = new FakeSlack();
/**
 * node:http with one kept-alive socket per sender costs the load generator less than fetch. The
 * sockets opened during the warm-up are reused, as Slack reuses its connections to an app.
 */
let agent: Agent | undefined;

async function handle(request: PeerRequest): Promise<unknown> {
  switch (request.type) {
    case 'start':
      await slack.start();
      return { apiUrl: slack.apiUrl, botToken: slack.botToken };
    case 'addUsers':
      for (const id of request.ids)
        slack.addUser({ id, name: id.toLowerCase(), displayName: `Person ${id}` });
      return null;
    case 'command': {
      const body = slashCommandBody({
        userId: request.userId,
        text: request.text,
        channelId: request.channelId,
        responseUrl: slack.responseUrl(request.userId),
      });
      return (await postSigned(request.url, body, { signingSecret: request.signingSecret })).status;
    }
    case 'joins':
      return sendJoins(request);
    case 'limitRate':
      slack.limitRate(request.method, request.perSecond);
      return null;
    case 'stats':
      return {
        dmCounts: request.users.map((userId) => slack.dmsTo(userId).length),
        postCalls: slack.callsOf('chat.postMessage').length,
        rateLimited: slack.rateLimited.get('chat.postMessage') ?? 0,
      } satisfies PeerStats;
    case 'stop':
      agent?.destroy();
      await slack.stop();
      return null;
  }
}

/** Sends `/santa join` for each user, `inFlight` at a time; returns each time to ack and the errors. */
async function sendJoins(
  request: PeerRequest & { type: 'joins' },
): Promise<{ timings: number[]; errors: number }> {
  const timings: number[] = [];
  let errors = 0;
  let next = 0;
  agent ??= new Agent({ keepAlive: true, maxSockets: request.inFlight });
  const target = new URL(request.url);

  const post = (body: string): Promise<number> => {
    const timestamp = Math.floor(Date.now() / 1_000);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(request.signingSecret, timestamp, body),
    };
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };

  const sender = async (): Promise<void> => {
    while (next < request.users.length) {
      const userId = request.users[next++] as string;
      const body = slashCommandBody({
        userId,
        text: 'join',
        channelId: request.channelId,
        responseUrl: slack.responseUrl(userId),
      });
      const started = performance.now();
      try {
        if ((await post(body)) !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      timings.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: request.inFlight }, sender));
  return { timings, errors };
}

parentPort?.on('message', (message: { id: number; request: PeerRequest }) => {
  handle(message.request).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
  );
});
