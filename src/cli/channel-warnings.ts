import type { ImportedPerson } from '../adapters/csv/index.js';
import type { ChannelKind } from '../bot/model.js';
import type { Channel } from '../bot/ports.js';
import { channelNotConfigured } from '../bot/texts/cli.js';

/** Channels a participant file may ask for that need a provider's settings. */
const PROVIDER_CHANNELS: readonly ChannelKind[] = ['sms', 'email'];

/**
 * Returns one warning per channel that people's `channel` cells ask for while it is not configured,
 * with the number of people and no names. The draw still tells them on their next channel.
 */
export function unconfiguredChannelWarnings(
  people: readonly ImportedPerson[],
  channels: ReadonlyMap<ChannelKind, Channel>,
): string[] {
  return PROVIDER_CHANNELS.filter((kind) => !channels.has(kind)).flatMap((kind) => {
    const asked = people.filter((person) => person.channels?.includes(kind) === true).length;
    return asked > 0 ? [channelNotConfigured(kind, asked)] : [];
  });
}
