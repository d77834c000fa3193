import { Command, CommanderError } from 'commander';

import { ConfigError, SantaError, UserError } from '../bot/errors.js';
import { cliHelp, unexpectedError, withdrawHelp } from '../bot/texts/cli.js';
import { exportCommand, type ExportFlags } from './commands/export.js';
import { deliverCommand } from './commands/deliver.js';
import { discordRegisterCommand } from './commands/discord-register.js';
import { drawCommand } from './commands/draw.js';
import { resendCommand } from './commands/resend.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { withdrawCommand } from './commands/withdraw.js';
import { createCliContext, type CliContext } from './context.js';
import type { DrawFlags } from './draw-options.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import { processTerminal, type Terminal } from './terminal.js';

/**
 * Runs the `santa` command line with `argv` (as process.argv: node, script, arguments) and returns
 * the exit status. Every error ends here as one line on stderr, with the stack only when LOG_LEVEL is
 * debug or trace.
 */
export async function runCli(
  argv: readonly string[],
  terminal: Terminal = processTerminal,
  env = process.env,
): Promise<number> {
  let exitCode: ExitCode = EXIT.ok;
  const run = async (command: (context: CliContext) => Promise<ExitCode>): Promise<void> => {
    exitCode = await command(createCliContext(terminal, env));
  };

  // Commander calls each action with the arguments, then the options, then the command.
  const program = buildProgram(terminal, {
    draw: (file: string, flags: DrawFlags) => run((context) => drawCommand(context, file, flags)),
    status: (ref: string | undefined) => run((context) => statusCommand(context, ref)),
    resend: (ref: string, person: string) => run((context) => resendCommand(context, ref, person)),
    withdraw: (ref: string, person: string) => run((context) => withdrawCommand(context, ref, person)),
    export: (ref: string, flags: ExportFlags) => run((context) => exportCommand(context, ref, flags)),
    deliver: (ref: string | undefined) => run((context) => deliverCommand(context, ref)),
    serve: () => run((context) => serveCommand(context)),
    discordRegister: (flags: { guild?: string }) => run((context) => discordRegisterCommand(context, flags)),
  });

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, terminal, env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace');
  }
}

interface Actions {
  draw(file: string, flags: DrawFlags): Promise<void>;
  status(ref: string | undefined): Promise<void>;
  resend(ref: string, person: string): Promise<void>;
  withdraw(ref: string, person: string): Promise<void>;
  export(ref: string, flags: ExportFlags): Promise<void>;
  deliver(ref: string | undefined): Promise<void>;
  serve(): Promise<void>;
  discordRegister(flags: { guild?: string }): Promise<void>;
}

function buildProgram(terminal: Terminal, actions: Actions): Command {
  const program = new Command('santa')
    .description(cliHelp.program)
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => terminal.out(text.trimEnd()),
      writeErr: (text) => terminal.err(text.trimEnd()),
    });

  program
    .command('draw')
    .description(cliHelp.draw)
    .argument('<file>', cliHelp.drawFile)
    .option('--name <text>', cliHelp.name)
    .option('--budget <text>', cliHelp.budget)
    .option('--date <YYYY-MM-DD>', cliHelp.date)
    .option('--no-reciprocal', cliHelp.noReciprocal)
    .option('--single-loop', cliHelp.singleLoop)
    .option('--avoid-past <N>', cliHelp.avoidPast)
    .option('--notify <mode>', cliHelp.notify)
    .option('--dry-run', cliHelp.dryRun)
    .option('--again', cliHelp.again)
    .action(actions.draw);

  program
    .command('status')
    .description(cliHelp.status)
    .argument('[exchange]', cliHelp.exchangeArgument)
    .action(actions.status);

  program
    .command('resend')
    .description(cliHelp.resend)
    .argument('<exchange>', cliHelp.exchangeArgument)
    .argument('<person>', cliHelp.personArgument)
    .action(actions.resend);

  program
    .command('withdraw')
    .description(withdrawHelp.command)
    .argument('<exchange>', cliHelp.exchangeArgument)
    .argument('<person>', withdrawHelp.personArgument)
    .action(actions.withdraw);

  program
    .command('export')
    .description(cliHelp.export)
    .argument('<exchange>', cliHelp.exchangeArgument)
    .option('--reveal <file>', cliHelp.reveal)
    .option('--force', cliHelp.force)
    .action(actions.export);

  program
    .command('deliver')
    .description(cliHelp.deliver)
    .argument('[exchange]', cliHelp.deliverArgument)
    .action(actions.deliver);

  program.command('serve').description(cliHelp.serve).action(actions.serve);

  const discord = program.command('discord').description(cliHelp.discord);
  discord
    .command('register')
    .description(cliHelp.discordRegister)
    .option('--guild <id>', cliHelp.guild)
    .action(actions.discordRegister);

  return program;
}

/** Prints one line for an error and returns the exit status that goes with it. */
function reportError(error: unknown, terminal: Terminal, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed the help or the usage problem already.
    const finished = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    return finished ? EXIT.ok : EXIT.usage;
  }

  if (debug && error instanceof Error && error.stack !== undefined) terminal.err(error.stack);

  if (error instanceof ConfigError) {
    terminal.err(error.message);
    return EXIT.config;
  }
  if (error instanceof UsageError) {
    terminal.err(error.message);
    return EXIT.usage;
  }
  if (error instanceof UserError || (error instanceof SantaError && error.name === 'StoreError')) {
    terminal.err(error.message);
    return EXIT.badInput;
  }

  terminal.err(unexpectedError(error instanceof Error ? error.message : String(error)));
  return EXIT.internal;
}
