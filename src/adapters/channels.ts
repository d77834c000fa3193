import type { ChannelKind } from '../bot/model.js';
import type { Channel, Logger } from '../bot/ports.js';
import type { Config } from '../config.js';
import { EmailChannel } from './email/email-channel.js';
import { OutboxChannel } from './outbox/outbox-channel.js';
import { SmsChannel } from './twilio/sms-channel.js';

/**
 * Builds the non-chat channels the configuration enables: SMS when Twilio is configured, email when
 * SMTP is, and always the local outbox. Slack and Discord add their DM channels to the same map.
 */
export function createChannels(config: Config, deps: { logger: Logger }): Map<ChannelKind, Channel> {
  const channels = new Map<ChannelKind, Channel>();

  if (config.twilio) {
    channels.set('sms', new SmsChannel({ ...config.twilio, logger: deps.logger }));
  }
  if (config.email) {
    channels.set(
      'email',
      new EmailChannel({ smtpUrl: config.email.smtpUrl, from: config.email.from, logger: deps.logger }),
    );
  }
  channels.set('file', new OutboxChannel({ dir: config.outboxDir, logger: deps.logger }));

  deps.logger.info({ channels: [...channels.keys()] }, 'delivery channels configured');
  return channels;
}
