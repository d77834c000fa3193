import { COMMAND_NAMES } from '../commands/parse.js';
import type { CommandContext, CommandName, Reply } from '../commands/types.js';
import { help as helpText } from '../texts/commands.js';
import { privately } from './shared.js';

/** Shows the command list, or the usage of one command when `topic` names one. */
export function help(ctx: CommandContext, topic: string | undefined): Reply[] {
  const command = COMMAND_NAMES.find((name: CommandName) => name === topic?.toLowerCase());
  return [privately(helpText(ctx.format, ctx.platform, command))];
}
