/**
 * The `/santa` command set, written once for Slack and Discord. Adapters turn a platform's request
 * into a CommandContext and a SantaCommand, call `execute`, and post the replies: private ones
 * ephemerally, public ones to the channel.
 */
import { parseCommandText } from './commands/parse.js';
import type { CommandContext, Reply, SantaCommand } from './commands/types.js';
import { SantaError, UserError, toSantaError } from './errors.js';
import { cancel } from './exchanges/cancel.js';
import { contact } from './exchanges/contact.js';
import { createExchange, type CreateOptions } from './exchanges/create.js';
import { draw } from './exchanges/draw.js';
import { exclude } from './exchanges/exclude.js';
import { help } from './exchanges/help.js';
import { household } from './exchanges/household.js';
import { join } from './exchanges/join.js';
import { leave } from './exchanges/leave.js';
import { list } from './exchanges/list.js';
import { privately, type SantaDeps } from './exchanges/shared.js';
import { status } from './exchanges/status.js';
import { who } from './exchanges/who.js';
import { wishlist } from './exchanges/wishlist.js';
import { problems } from './texts/commands.js';

export type { SantaDeps } from './exchanges/shared.js';
export type { CreateOptions } from './exchanges/create.js';

export class Santa {
  constructor(private readonly deps: SantaDeps) {}

  /**
   * Runs one command and returns the replies. Never throws: a UserError becomes a private reply with
   * its message escaped, and any other error is logged and answered with a short apology.
   */
  async execute(ctx: CommandContext, command: SantaCommand): Promise<Reply[]> {
    return this.guard(ctx, command.name, () => this.dispatch(ctx, command));
  }

  /** Parses Slack's `/santa` text and runs it; a parse error becomes a private reply with the usage. */
  async executeText(ctx: CommandContext, text: string): Promise<Reply[]> {
    let command: SantaCommand;
    try {
      command = parseCommandText(text, { defaultCountry: this.deps.defaultCountry });
    } catch (error) {
      return this.replyToError(ctx, 'parse', error);
    }
    return this.execute(ctx, command);
  }

  /** Starts an exchange with every option, as the Slack and Discord create modals submit them. */
  async createExchange(ctx: CommandContext, options: CreateOptions): Promise<Reply[]> {
    return this.guard(ctx, 'create', () => createExchange(this.deps, ctx, options));
  }

  /** Saves the caller's wishlist, as the wishlist modals submit it. */
  async setWishlist(ctx: CommandContext, text: string): Promise<Reply[]> {
    return this.guard(ctx, 'wishlist', () => wishlist(this.deps, ctx, text));
  }

  private dispatch(ctx: CommandContext, command: SantaCommand): Reply[] {
    const deps = this.deps;
    switch (command.name) {
      case 'create':
        return createExchange(deps, ctx, {
          exchangeName: command.exchangeName,
          budget: command.budget,
          date: command.date,
          rules: command.rules,
        });
      case 'join':
        return join(deps, ctx);
      case 'leave':
        return leave(deps, ctx, command.person);
      case 'wishlist':
        return wishlist(deps, ctx, command.text);
      case 'exclude':
        return exclude(deps, ctx, command);
      case 'household':
        return household(deps, ctx, command.members);
      case 'contact':
        return contact(deps, ctx, command);
      case 'list':
        return list(deps, ctx);
      case 'draw':
        return draw(deps, ctx);
      case 'status':
        return status(deps, ctx);
      case 'who':
        return who(deps, ctx);
      case 'cancel':
        return cancel(deps, ctx);
      case 'help':
        return help(ctx, command.topic);
    }
  }

  private guard(ctx: CommandContext, name: string, work: () => Reply[]): Reply[] {
    this.deps.logger.debug(
      { command: name, platform: ctx.platform, channelId: ctx.channelId },
      'command received',
    );
    try {
      return work();
    } catch (error) {
      return this.replyToError(ctx, name, error);
    }
  }

  private replyToError(ctx: CommandContext, name: string, error: unknown): Reply[] {
    if (error instanceof UserError) {
      this.deps.logger.warn(
        { command: name, code: error.code, channelId: ctx.channelId },
        'command rejected',
      );
      return [privately(ctx.format.escape(error.message))];
    }

    const wrapped: SantaError = toSantaError(error);
    this.deps.logger.error(
      { err: wrapped, command: name, code: wrapped.code, channelId: ctx.channelId },
      'command failed',
    );
    return [privately(problems.unexpected())];
  }
}
