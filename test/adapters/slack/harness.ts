/**
 * Builds the whole Slack side of santa against loopback fakes. The real store (in memory), Santa
 * service, delivery worker and Bolt app talk to the fake Slack, and to the fake Twilio when the SMS
 * fallback is asked for.
 */
import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { openStore } from '../../../src/adapters/sqlite/index.js';
import { SmsChannel } from '../../../src/adapters/twilio/sms-channel.js';
import { DeliveryWorker } from '../../../src/bot/delivery/worker.js';
import type { ChannelKind } from '../../../src/bot/model.js';
import type { Channel, Clock, Store } from '../../../src/bot/ports.js';
import { Santa } from '../../../src/bot/santa.js';
import { systemClock } from '../../../src/clock.js';
import { seededRandom } from '../../../src/engine/random.js';
import { silentLogger } from '../../../src/logger.js';
import {
  FakeSlack,
  postSigned,
  slashCommandBody,
  viewSubmissionBody,
  type AppResponse,
  type ViewSubmission,
  type SignedPostOptions,
  type SlashCommand,
} from '../../fakes/fake-slack.js';
import { FakeSlackSocket } from '../../fakes/fake-slack-socket.js';
import { FAKE_FROM, FakeTwilio } from '../../fakes/fake-twilio.js';

export const SIGNING_SECRET = 'fake-signing-secret';

export interface HarnessOptions {
  withSms?: boolean;
  /** Runs the app in Socket Mode against a fake Socket Mode server. */
  socketMode?: boolean;
  clock?: Clock;
}

export class SlackHarness {
  readonly slack = new FakeSlack();
  readonly twilio = new FakeTwilio();
  readonly socket = new FakeSlackSocket();
  readonly logger = silentLogger();
  store!: Store;
  adapter!: SlackAdapter;
  worker!: DeliveryWorker;
  private responseCounter = 0;

  constructor(private readonly options: HarnessOptions = {}) {}

  async start(): Promise<this> {
    await this.slack.start();
    if (this.options.socketMode) {
      await this.socket.start();
      this.slack.socketUrl = this.socket.url;
    }
    const clock = this.options.clock ?? systemClock;
    this.store = openStore(':memory:', { logger: this.logger });
    this.adapter = createSlackAdapter({
      slack: {
        botToken: this.slack.botToken,
        signingSecret: SIGNING_SECRET,
        appToken: this.options.socketMode ? this.slack.appToken : undefined,
        apiUrl: this.slack.apiUrl,
      },
      host: '127.0.0.1',
      port: 0,
      logger: this.logger,
      store: this.store,
      clock,
    });

    const channels = new Map<ChannelKind, Channel>([['slack', this.adapter.channel]]);
    if (this.options.withSms) {
      await this.twilio.start();
      channels.set(
        'sms',
        new SmsChannel({
          accountSid: this.twilio.accountSid,
          authToken: this.twilio.authToken,
          from: FAKE_FROM,
          apiUrl: this.twilio.url,
          logger: this.logger,
        }),
      );
    }

    this.worker = new DeliveryWorker({
      store: this.store,
      channels,
      clock,
      random: seededRandom(7),
      logger: this.logger,
      concurrency: 4,
    });
    const santa = new Santa({
      store: this.store,
      channels,
      clock,
      random: seededRandom(42),
      logger: this.logger,
      wakeDelivery: () => this.worker.wake(),
    });
    await this.adapter.start(santa);
    return this;
  }

  async stop(): Promise<void> {
    await this.adapter.stop();
    this.store.close();
    await this.slack.stop();
    if (this.options.socketMode) await this.socket.stop();
    if (this.options.withSms) await this.twilio.close();
  }

  get baseUrl(): string {
    const address = this.adapter.address();
    if (address === null) throw new Error('The Slack adapter is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Sends a signed `/santa TEXT` as Slack would and waits until the command has run. */
  async command(userId: string, text: string, extra: Partial<SlashCommand> = {}): Promise<AppResponse> {
    const response = await this.send(userId, text, extra);
    await this.adapter.idle();
    return response;
  }

  /** Sends a signed `/santa TEXT` and returns as soon as the app acknowledged it. */
  send(
    userId: string,
    text: string,
    extra: Partial<SlashCommand> = {},
    signing: Partial<SignedPostOptions> = {},
  ): Promise<AppResponse> {
    this.responseCounter += 1;
    const body = slashCommandBody({
      userId,
      text,
      responseUrl: this.slack.responseUrl(`${userId}-${this.responseCounter}`),
      ...extra,
    });
    return postSigned(`${this.baseUrl}${EVENTS_PATH}`, body, { signingSecret: SIGNING_SECRET, ...signing });
  }

  /** Submits a modal the app opened, as Slack does, and waits until the submission has run. */
  async submitView(
    userId: string,
    view: Record<string, unknown>,
    values: ViewSubmission['values'],
  ): Promise<AppResponse> {
    const body = viewSubmissionBody({ userId, view, values });
    const response = await postSigned(`${this.baseUrl}${EVENTS_PATH}`, body, {
      signingSecret: SIGNING_SECRET,
    });
    await this.adapter.idle();
    return response;
  }

  /** Returns the view of the most recent views.open call. */
  lastOpenedView(): Record<string, unknown> {
    const call = this.slack.callsOf('views.open').at(-1);
    if (call === undefined) throw new Error('The app opened no modal');
    return call.args.view as Record<string, unknown>;
  }

  /** Returns the texts posted to the response_urls of `userId`'s commands, in order. */
  repliesTo(userId: string): { type: unknown; text: string }[] {
    return this.slack.responses
      .filter((response) => response.key.startsWith(`${userId}-`))
      .map((response) => ({ type: response.body.response_type, text: String(response.body.text) }));
  }

  /** Returns the texts that chat.postMessage accepted for the channel (not DMs). */
  channelMessages(channelId = 'C0SANTA'): string[] {
    return this.slack
      .callsOf('chat.postMessage')
      .filter((call) => call.ok && call.args.channel === channelId)
      .map((call) => String(call.args.text));
  }
}
