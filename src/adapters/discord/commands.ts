/**
 * The `/santa` slash command as Discord registers it: one command with a subcommand per entry of the
 * command set. Its options are typed, so Discord validates users, booleans and lengths before santa
 * receives them.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';

import { COMMAND_NAMES } from '../../bot/commands/parse.js';
import { LIMITS } from '../../bot/commands/validate.js';
import { commandDescriptions as described, optionDescriptions as option } from '../../bot/texts/discord.js';

export const ROOT_COMMAND = 'santa';

/** How many people one `/santa household` can name; Discord allows up to 25 options per subcommand. */
export const MAX_HOUSEHOLD_MEMBERS = 6;

/** Lengths for the options that the shared validation does not bound. */
export const OPTION_LIMITS = {
  /** `YYYY-MM-DD`. */
  date: 10,
  /** E.164 has at most 15 digits; people also type spaces, dashes and brackets. */
  phone: 32,
  /** RFC 5321 path limit. */
  email: 254,
  helpTopic: 20,
} as const;

/** The subcommands `/santa help topic` offers as choices. */
const HELP_TOPICS = COMMAND_NAMES.filter((name) => name !== 'help');

/**
 * Builds the `/santa` command. It is available in servers only, not in DMs or group DMs, because an
 * exchange belongs to a channel. Who may `draw` and `cancel` is checked when the command runs.
 */
export function buildSantaCommand(): SlashCommandBuilder {
  const santa = new SlashCommandBuilder()
    .setName(ROOT_COMMAND)
    .setDescription(described.santa)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

  santa.addSubcommand((sub) => addCreateOptions(sub.setName('create').setDescription(described.create)));
  santa.addSubcommand((sub) => sub.setName('join').setDescription(described.join));
  santa.addSubcommand((sub) =>
    sub
      .setName('leave')
      .setDescription(described.leave)
      .addUserOption((person) => person.setName('person').setDescription(option.leavePerson)),
  );
  santa.addSubcommand((sub) =>
    sub
      .setName('wishlist')
      .setDescription(described.wishlist)
      .addStringOption((text) =>
        text.setName('text').setDescription(option.wishlistText).setMaxLength(LIMITS.wishlist),
      ),
  );
  santa.addSubcommand((sub) => addExcludeOptions(sub.setName('exclude').setDescription(described.exclude)));
  santa.addSubcommand((sub) =>
    addHouseholdOptions(sub.setName('household').setDescription(described.household)),
  );
  santa.addSubcommand((sub) => addContactOptions(sub.setName('contact').setDescription(described.contact)));
  santa.addSubcommand((sub) => sub.setName('list').setDescription(described.list));
  santa.addSubcommand((sub) => sub.setName('draw').setDescription(described.draw));
  santa.addSubcommand((sub) => sub.setName('status').setDescription(described.status));
  santa.addSubcommand((sub) => sub.setName('who').setDescription(described.who));
  santa.addSubcommand((sub) => sub.setName('cancel').setDescription(described.cancel));
  santa.addSubcommand((sub) =>
    sub
      .setName('help')
      .setDescription(described.help)
      .addStringOption((topic) =>
        topic
          .setName('topic')
          .setDescription(option.helpTopic)
          .setMaxLength(OPTION_LIMITS.helpTopic)
          .addChoices(...HELP_TOPICS.map((name) => ({ name, value: name }))),
      ),
  );

  return santa;
}

/** Returns the JSON bodies to register with Discord's application commands endpoint. */
export function santaCommandBodies(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [buildSantaCommand().toJSON()];
}

function addCreateOptions(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return sub
    .addStringOption((name) =>
      name
        .setName('name')
        .setDescription(option.createName)
        .setRequired(true)
        .setMaxLength(LIMITS.exchangeName),
    )
    .addStringOption((budget) =>
      budget.setName('budget').setDescription(option.createBudget).setMaxLength(LIMITS.budget),
    )
    .addStringOption((date) =>
      date
        .setName('date')
        .setDescription(option.createDate)
        .setMinLength(OPTION_LIMITS.date)
        .setMaxLength(OPTION_LIMITS.date),
    )
    .addBooleanOption((rule) => rule.setName('no_reciprocal').setDescription(option.createNoReciprocal))
    .addBooleanOption((rule) => rule.setName('single_loop').setDescription(option.createSingleLoop))
    .addIntegerOption((rule) =>
      rule
        .setName('avoid_past')
        .setDescription(option.createAvoidPast)
        .setMinValue(0)
        .setMaxValue(LIMITS.avoidPast),
    );
}

function addExcludeOptions(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return sub
    .addUserOption((person) =>
      person.setName('person').setDescription(option.excludePerson).setRequired(true),
    )
    .addUserOption((giver) => giver.setName('giver').setDescription(option.excludeGiver))
    .addBooleanOption((both) => both.setName('both').setDescription(option.excludeBoth))
    .addBooleanOption((remove) => remove.setName('remove').setDescription(option.excludeRemove));
}

function addHouseholdOptions(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  for (let position = 1; position <= MAX_HOUSEHOLD_MEMBERS; position += 1) {
    // A household needs at least two people, so the first two are required.
    sub.addUserOption((member) =>
      member
        .setName(`member${position}`)
        .setDescription(option.householdMember(position))
        .setRequired(position <= 2),
    );
  }
  return sub;
}

function addContactOptions(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return sub
    .addStringOption((phone) =>
      phone.setName('phone').setDescription(option.contactPhone).setMaxLength(OPTION_LIMITS.phone),
    )
    .addStringOption((email) =>
      email.setName('email').setDescription(option.contactEmail).setMaxLength(OPTION_LIMITS.email),
    )
    .addBooleanOption((clear) => clear.setName('clear').setDescription(option.contactClear));
}
