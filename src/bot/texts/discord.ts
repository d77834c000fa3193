/**
 * Wording that only the Discord app shows: slash command and option descriptions (at most 100
 * characters each, as Discord requires), the wishlist modal, and replies that the shared command texts
 * do not cover.
 */

/** Descriptions of `/santa` and its subcommands, shown in Discord's command picker. */
export const commandDescriptions = {
  santa: 'Run a Secret Santa gift exchange in this channel',
  create: 'Start a Secret Santa exchange in this channel',
  join: 'Take part in this channel’s exchange',
  leave: 'Stop taking part in this channel’s exchange; after the draw, it is adjusted without you',
  wishlist: 'Set the wishlist your Secret Santa will see',
  exclude: 'Make sure a giver does not draw a person',
  household: 'Put people in one household so that nobody draws anybody in it (organiser)',
  contact: 'Give a phone number or email address, used if a direct message cannot reach you',
  list: 'List who takes part',
  draw: 'Draw who gives to whom and send everyone their recipient (organiser)',
  status: 'Show who has been told their recipient, and how',
  who: 'Send me my recipient again in a direct message',
  cancel: 'Cancel this channel’s exchange (organiser)',
  help: 'Explain the /santa commands',
} as const;

/** Descriptions of the subcommand options. */
export const optionDescriptions = {
  createName: 'Name of the exchange, for example "Office 2026"',
  createBudget: 'Spending limit as free text, for example "£20"',
  createDate: 'Day the gifts are exchanged, written YYYY-MM-DD',
  createNoReciprocal: 'Forbid pairs who draw each other',
  createSingleLoop: 'Make everyone form one single loop of givers',
  createAvoidPast: 'Avoid pairings from this many earlier exchanges in this server',
  wishlistText: 'Your wishlist; leave it out to open a form',
  leavePerson: 'Someone else to take out of the exchange (organiser)',
  excludePerson: 'The person who must not be drawn',
  excludeGiver: 'The giver, when it is not you (organiser)',
  excludeBoth: 'Also forbid the other direction (organiser)',
  excludeRemove: 'Remove this exclusion instead of adding it',
  householdMember: (position: number): string => `Household member ${position}`,
  contactPhone: 'Phone number for SMS, with the country code, for example +447911123456',
  contactEmail: 'Email address',
  contactClear: 'Forget your phone number and email address',
  helpTopic: 'A subcommand to explain, for example "draw"',
} as const;

/** The form that `/santa wishlist` opens when no text is given. */
export const wishlistModal = {
  title: 'Your wishlist',
  label: 'What would you like?',
  description: 'Your Secret Santa sees this with your name. Leave it empty to clear it.',
  placeholder: 'Books, a warm scarf, anything with cats…',
} as const;

/** Replies the Discord app gives on its own. */
export const discordReplies = {
  guildOnly: () =>
    'Secret Santa runs in a server channel. Use `/santa` in a server, not in a direct message.',
  /** `name` is the command with its subcommand, such as `santa gift`. */
  unknownCommand: (name: string) =>
    `This version of santa has no \`/${name}\` command. Try \`/santa help\`, and ask whoever runs ` +
    'this bot to run `santa discord register` again.',
  unexpectedError: () =>
    'Something went wrong while handling that command, and it may not have been carried out. ' +
    'Try again in a minute; if it keeps failing, tell whoever runs this bot.',
  done: () => 'Done.',
} as const;
