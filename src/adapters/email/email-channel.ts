import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

import { DeliveryError } from '../../bot/errors.js';
import type { Addressee, Channel, Envelope, Logger, SendReceipt } from '../../bot/ports.js';
import { messageEmail } from '../../bot/texts/reveal.js';

export interface EmailChannelOptions {
  /** smtp://user:password@host:port or smtps://…, as nodemailer accepts it. */
  smtpUrl: string;
  /** The From header, for example `Santa <santa@example.org>`. */
  from: string;
  /** How long connecting, the greeting and each command may take before counting as a transient timeout. */
  timeoutMs?: number;
  logger: Logger;
}

/** Sends messages as plain-text email through nodemailer's SMTP transport. */
export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transporter: Transporter;

  constructor(private readonly options: EmailChannelOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transporter = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    } as nodemailer.TransportOptions);
  }

  canReach(to: Addressee): boolean {
    return to.email !== null && to.email !== '';
  }

  async send(envelope: Envelope): Promise<SendReceipt> {
    const email = messageEmail(envelope.content);
    try {
      const info = (await this.transporter.sendMail({
        from: this.options.from,
        to: envelope.to.email ?? '',
        subject: email.subject,
        text: email.text,
      })) as { messageId?: string };
      return { providerMessageId: info.messageId ?? null };
    } catch (error) {
      const failure = toEmailDeliveryError(error);
      this.options.logger.debug(
        { deliveryId: envelope.deliveryId, errorCode: failure.code },
        'email not accepted',
      );
      throw failure;
    }
  }

  /** Closes idle SMTP connections. */
  close(): void {
    this.transporter.close();
  }
}

/**
 * Maps a nodemailer error to a DeliveryError. An SMTP reply of 5xx is permanent, because RFC 5321
 * defines it as a permanent negative completion (such as 550 mailbox unavailable). A 4xx reply, a
 * timeout or a broken connection is transient.
 */
export function toEmailDeliveryError(error: unknown): DeliveryError {
  const fields = error as { responseCode?: unknown; code?: unknown; message?: unknown };
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : null;

  if (responseCode !== null && responseCode >= 500) {
    const code = fields.code === 'EAUTH' ? 'EMAIL_AUTH_FAILED' : 'EMAIL_REJECTED';
    return new DeliveryError(
      code,
      `The SMTP server rejected the message (${responseCode}): ${message}`,
      true,
      undefined,
      { cause: error },
    );
  }
  if (responseCode !== null && responseCode >= 400) {
    return new DeliveryError(
      'EMAIL_DEFERRED',
      `The SMTP server deferred the message (${responseCode}): ${message}`,
      false,
      undefined,
      { cause: error },
    );
  }

  const timedOut = fields.code === 'ETIMEDOUT';
  return new DeliveryError(
    timedOut ? 'EMAIL_TIMEOUT' : 'EMAIL_CONNECTION_FAILED',
    `Sending the email failed${typeof fields.code === 'string' ? ` (${fields.code})` : ''}: ${message}`,
    false,
    undefined,
    { cause: error },
  );
}
