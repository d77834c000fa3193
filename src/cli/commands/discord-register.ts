import { discordRegistered } from '../../bot/texts/cli.js';
import type { CliContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** `santa discord register [--guild ID]`: registers the /santa command with Discord. */
export async function discordRegisterCommand(
  context: CliContext,
  flags: { guild?: string },
): Promise<ExitCode> {
  const { registerDiscordCommands } = await import('../../adapters/discord/register.js');
  const count = await registerDiscordCommands(context.config, { guildId: flags.guild }, context.logger);
  context.terminal.out(discordRegistered(count, flags.guild));
  return EXIT.ok;
}
