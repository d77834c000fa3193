import twilio from 'twilio';

import { DeliveryError } from '../../bot/errors.js';
import type { Addressee, Channel, Envelope, Logger, SendReceipt } from '../../bot/ports.js';
import { messageSms } from '../../bot/texts/reveal.js';
import { toSmsDeliveryError } from './errors.js';
import { TwilioHttpClient } from './http-client.js';

export interface SmsChannelOptions {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164); either this or `messagingServiceSid`. */
  from?: string;
  messagingServiceSid?: string;
  /** Replaces https://api.twilio.com, for a proxy or a loopback fake. */
  apiUrl?: string;
  /** How long one request may take before it counts as a transient timeout. */
  timeoutMs?: number;
  logger: Logger;
}

/** Sends messages as SMS through the twilio package's REST client (the Messages resource). */
export class SmsChannel implements Channel {
  readonly kind = 'sms' as const;
  private readonly client: twilio.Twilio;

  constructor(private readonly options: SmsChannelOptions) {
    if (!options.from && !options.messagingServiceSid) {
      throw new Error('The SMS channel needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID.');
    }
    const httpClient = new TwilioHttpClient({
      apiUrl: options.apiUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
    this.client = twilio(options.accountSid, options.authToken, { httpClient, autoRetry: false });
  }

  canReach(to: Addressee): boolean {
    return to.phone !== null && to.phone !== '';
  }

  async send(envelope: Envelope): Promise<SendReceipt> {
    const to = envelope.to.phone;
    if (!to)
      throw new DeliveryError('NO_ADDRESS', 'The person has no phone number for the SMS channel.', true);

    const sender = this.options.messagingServiceSid
      ? { messagingServiceSid: this.options.messagingServiceSid }
      : { from: this.options.from };
    try {
      const message = await this.client.messages.create({
        to,
        body: messageSms(envelope.content),
        ...sender,
      });
      return { providerMessageId: message.sid ?? null };
    } catch (error) {
      const failure = toSmsDeliveryError(error);
      this.options.logger.debug(
        { deliveryId: envelope.deliveryId, errorCode: failure.code },
        'SMS not accepted',
      );
      throw failure;
    }
  }
}
