/**
 * Texts of the `santa` command line: problems found in a participant file, progress, summaries and
 * errors. Output goes to a terminal, so it is plain text without markup.
 */
import type { ChannelKind } from '../model.js';
import { CHANNEL_LABELS } from './reveal.js';
// ---------------------------------------------------------------------------------------------------
// Participant file problems
// ---------------------------------------------------------------------------------------------------

/** Everything a participant-file problem message may mention. */
export interface CsvProblemDetail {
  code: string;
  line: number | null;
  column: number | null;
  field: string | null;
  value: string;
  /** The line a duplicate name first appeared on. */
  firstLine?: number;
  /** The person of the row, for problems about one person. */
  person?: string;
  /** How many columns the header has, or 4 without a header. */
  columnCount?: number;
  headerless?: boolean;
  /** The CSV parser's error code, for MALFORMED_CSV. */
  parserCode?: string;
}

/** Returns where a problem is, for example `line 4, column 2 (email)`. */
export function csvLocation(line: number | null, column: number | null, field: string | null): string {
  if (line === null) return 'file';
  if (column === null) return `line ${line}`;
  return field === null ? `line ${line}, column ${column}` : `line ${line}, column ${column} (${field})`;
}

/** A value longer than this, quoted and escaped, is cut with an ellipsis in a problem message. */
const MAX_SHOWN_VALUE = 60;

/**
 * Returns `value` quoted and escaped as JSON, cut to at most MAX_SHOWN_VALUE characters with an
 * ellipsis, so that a cell of 500 NUL bytes shows as a short line and not 3,000 characters of escapes.
 */
export function shownValue(value: string): string {
  const quoted = JSON.stringify(value);
  if (quoted.length <= MAX_SHOWN_VALUE) return quoted;

  let kept = '';
  for (const character of value) {
    if (JSON.stringify(kept + character).length > MAX_SHOWN_VALUE - 1) break;
    kept += character;
  }
  return `${JSON.stringify(kept)}…`;
}

/** Returns one participant-file problem as a sentence that names its place and value and what to do. */
export function csvProblemText(problem: CsvProblemDetail): string {
  const where = csvLocation(problem.line, problem.column, problem.field);
  const value = shownValue(problem.value);
  const person = problem.person ?? '';

  switch (problem.code) {
    case 'MALFORMED_CSV':
      return `${where}: ${malformedReason(problem.parserCode)}. Check the double quotes on this line.`;
    case 'NO_NAME_COLUMN':
      return `${where}: the header row has no name column. Call the column of people "name".`;
    case 'DUPLICATE_COLUMN':
      return `${where}: ${value} repeats a column that is already in the header. Remove one of the two.`;
    case 'TOO_MANY_COLUMNS':
      return problem.headerless
        ? `${where}: ${value} is beyond the 4 columns of a file without a header row (name, email, phone, exclusions). Add a header row, or quote values that contain the delimiter.`
        : `${where}: ${value} is beyond the last column of the header (${problem.columnCount ?? 0} columns). Quote values that contain the delimiter.`;
    case 'EMPTY_NAME':
      return `${where}: the name is empty. Every row needs a name.`;
    case 'NAME_TOO_LONG':
      return `${where}: ${value} is longer than 80 characters. Shorten the name.`;
    case 'DUPLICATE_NAME':
      return `${where}: ${value} is already on line ${problem.firstLine ?? '?'}. Give each person a different name, for example with an initial.`;
    case 'NO_CONTACT':
      return `${where}: ${shownValue(person)} has neither an email address nor a phone number. Add one so that santa can reach them.`;
    case 'INVALID_EMAIL':
      return `${where}: ${value} is not a valid email address. Write it as name@example.org, or leave the cell empty when a phone number is given.`;
    case 'INVALID_PHONE':
      return `${where}: ${value} is not a valid phone number. Write it with its country code, for example +44 7700 900123.`;
    case 'PHONE_NEEDS_COUNTRY':
      return `${where}: ${value} has no country code. Write it as +<country code><number>, or set SANTA_DEFAULT_COUNTRY (for example GB) for national numbers.`;
    case 'UNKNOWN_CHANNEL':
      return `${where}: ${value} is not a channel. Use sms, email or file, separated by ";".`;
    case 'CHANNEL_WITHOUT_ADDRESS':
      return `${where}: ${value} is chosen for ${shownValue(person)}, who has no ${problem.value === 'sms' ? 'phone number' : 'email address'}. Add one, or choose another channel.`;
    case 'UNKNOWN_EXCLUSION':
      return `${where}: ${value} names nobody in the file. Check the spelling against the name column.`;
    case 'SELF_EXCLUSION':
      return `${where}: ${shownValue(person)} excludes themselves. Remove it, because nobody draws themselves anyway.`;
    case 'TOO_FEW_PEOPLE':
      return `${where}: the file lists ${problem.value} ${problem.value === '1' ? 'person' : 'people'}, and a draw needs at least 2.`;
    default:
      return `${where}: ${value} is not accepted (${problem.code}).`;
  }
}

function malformedReason(parserCode: string | undefined): string {
  switch (parserCode) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a double quote opens a value and is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing double quote is followed by more text';
    default:
      return 'this row is not valid CSV';
  }
}

/** Returns why a participant file could not be read. `reason` is the system error code (EACCES, EISDIR). */
export function csvFileErrorText(
  code: 'CSV_FILE_NOT_FOUND' | 'CSV_FILE_UNREADABLE' | 'CSV_NOT_UTF8',
  path: string,
  reason = '',
): string {
  switch (code) {
    case 'CSV_FILE_NOT_FOUND':
      return `Participant file not found: ${path}. Check the path.`;
    case 'CSV_FILE_UNREADABLE':
      if (reason === 'EISDIR') {
        return `${path} is a folder, not a participant file. Give the path of the CSV file itself, for example ${path}/people.csv.`;
      }
      return `Cannot read the participant file ${path} (${reason}). Check that it is a file you may read.`;
    case 'CSV_NOT_UTF8':
      return `The participant file ${path} is not UTF-8 text. Save it as "CSV UTF-8" (Excel) or UTF-8 and try again.`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------------

/** Help texts of `santa --help` and of each command. */
export const cliHelp = {
  program:
    'Secret Santa draws from a CSV file, told to each giver by SMS, email or a file in the local outbox.',
  draw: 'Draw the people of a CSV file and tell each giver their recipient.',
  drawFile: 'participant file: name, email, phone, exclusions, household, channel, wishlist columns',
  name: 'exchange name (default: the file name); a later draw with the same name can avoid its pairings',
  budget: 'gift budget shown in each message, for example "£20"',
  date: 'exchange date shown in each message, as YYYY-MM-DD',
  noReciprocal: 'forbid two people drawing each other',
  singleLoop: 'draw one loop through everyone instead of several smaller loops',
  avoidPast:
    'avoid the pairings of the last N draws with the same name, N from 0 (off) to 50; when that makes the draw impossible, the oldest pairings are allowed again first and the output says which',
  again:
    'start a new round of an exchange whose last draw is still open, for example next year; the previous draw is closed and counts for --avoid-past',
  notify: '"all" to tell each giver on every channel they have, instead of the first that works',
  dryRun: 'check the file and prove that a draw exists, storing and sending nothing',
  status: 'Show every exchange, or who has been told in one exchange (never who drew whom).',
  exchangeArgument: 'exchange id or name',
  resend: 'Tell one giver their recipient again.',
  personArgument: "the giver's name as written in the file",
  export: 'Write the pairings of a drawn exchange to a CSV file (names only), for the organiser to review.',
  reveal: 'file to write the giver,recipient pairings to; required, because the file reveals every pairing',
  force: 'overwrite the file when it exists',
  deliver: 'Send the messages still pending, for example after a crash or a provider outage.',
  deliverArgument: 'exchange id or name whose status to show afterwards (every pending message is sent)',
  serve: 'Run the Slack and Discord bots and the delivery worker, with what the environment configures.',
  discord: 'Discord set-up commands.',
  discordRegister: 'Register the /santa command with Discord.',
  guild: 'register in this server only, where it appears at once (global commands take up to an hour)',
};

/** Returns the usage problem of an option value, naming the value and what is expected. */
export const usageProblems = {
  notifyMode: (value: string) =>
    `Invalid --notify value "${value}": expected "all", or leave it out to use the first channel that works.`,
  date: (value: string) =>
    `Invalid --date "${value}": expected a calendar date as YYYY-MM-DD, for example 2026-12-24.`,
  avoidPast: (value: string, max: number) =>
    `Invalid --avoid-past "${value}": expected a whole number from 0 to ${max}.`,
  name: (max: number) => `Invalid --name: expected 1 to ${max} characters.`,
  budget: (max: number) => `Invalid --budget: expected at most ${max} characters.`,
  revealRequired: () => 'santa export writes who drew whom only when asked explicitly: add --reveal FILE.',
};

/** Returns the heading above the problems of a rejected participant file. */
export function csvRejected(path: string, count: number): string {
  return `${path} has ${count} ${count === 1 ? 'problem' : 'problems'}, so nothing was stored or sent:`;
}

/** Returns the line that stands for problems left out of a long list. */
export function moreProblems(count: number): string {
  return `… and ${count} more.`;
}

export function drawImpossible(explanation: string): string {
  return `${explanation}\nNothing was stored or sent.`;
}

export function dryRunPassed(
  name: string,
  people: number,
  unreachable: readonly string[],
  needsAgain: boolean,
): string {
  const lines = [
    `Dry run: a draw of the ${people} people of "${name}" is possible. Nothing was stored or sent.`,
  ];
  if (unreachable.length > 0) lines.push(`No channel could reach: ${unreachable.join(', ')}.`);
  if (needsAgain)
    lines.push(`"${name}" is drawn already, so the real draw needs --again to start a new round.`);
  return lines.join('\n');
}

/**
 * Returns why `santa draw` refuses a name whose last draw is still open: a second draw would give
 * everyone a second, different recipient. `drawnOn` is the date as YYYY-MM-DD.
 */
export function drawRepeated(name: string, exchangeId: number, drawnOn: string): string {
  return [
    `"${name}" was drawn on ${drawnOn} (exchange ${exchangeId}), and a second draw would give everyone a second, different recipient. Nothing was stored or sent.`,
    `To send a lost message again, run: santa resend ${exchangeId} PERSON`,
    'To start a new round, for example next year, add --again: the previous draw is closed and counts for --avoid-past.',
  ].join('\n');
}

/** Returns the line after a draw with --again, naming the exchange it closed. */
export function previousDrawClosed(name: string, exchangeId: number): string {
  return `Closed the previous draw of "${name}" (exchange ${exchangeId}).`;
}

/** Returns why the outbox folder cannot take messages; `reason` is the system error code. */
export function outboxUnwritable(dir: string, reason: string): string {
  return `SANTA_OUTBOX_DIR ${dir} is not a writable folder (${reason}). Choose another folder with SANTA_OUTBOX_DIR, or fix its permissions. Nothing was stored or sent.`;
}

/** The provider each channel needs, for the warning about channels that are not configured. */
const PROVIDERS: Partial<Record<ChannelKind, string>> = { sms: 'Twilio', email: 'SMTP' };

/**
 * Returns the warning for people whose channel cell requests a channel that is not configured.
 * It gives counts only, because names next to channels would add nothing and could leak.
 */
export function channelNotConfigured(kind: ChannelKind, people: number): string {
  const who = people === 1 ? '1 person asked' : `${people} people asked`;
  const provider = PROVIDERS[kind] ?? CHANNEL_LABELS[kind];
  return `${who} for ${CHANNEL_LABELS[kind]}, but ${provider} is not configured; they get their next channel or an outbox file instead.`;
}

export function drawStored(
  name: string,
  exchangeId: number,
  people: number,
  relaxedHistory: readonly string[],
): string {
  const lines = [`Drew "${name}" (exchange ${exchangeId}) for ${people} people.`];
  if (relaxedHistory.length > 0) {
    lines.push(
      `Pairings of earlier draws were allowed again to make this draw possible: ${relaxedHistory.join(', ')}.`,
    );
  }
  return lines.join('\n');
}

/** Returns the line that starts the delivery progress on stderr. */
export function deliveringStart(messages: number): string {
  return `Sending ${messages} ${messages === 1 ? 'message' : 'messages'}…`;
}

export function deliveringProgress(done: number, total: number): string {
  return `  sent ${done} of ${total}`;
}

/** Returns one progress line about a giver whose message needs another try or another channel. */
export const deliveryNotice = {
  retry: (giver: string, channel: ChannelKind, code: string) =>
    `  ${giver}: ${CHANNEL_LABELS[channel]} failed (${code}), trying again later`,
  fallback: (giver: string, channel: ChannelKind, code: string, next: ChannelKind) =>
    `  ${giver}: ${CHANNEL_LABELS[channel]} failed (${code}), trying ${CHANNEL_LABELS[next]}`,
  failed: (giver: string, channel: ChannelKind, code: string) =>
    `  ${giver}: ${CHANNEL_LABELS[channel]} failed (${code}), no channel left`,
};

/** Returns the summary of a draw's deliveries: who was told, how, and who could not be reached. */
export function deliverySummaryText(summary: {
  told: number;
  givers: number;
  byChannel: Partial<Record<ChannelKind, number>>;
  unreachable: readonly string[];
  pending: readonly string[];
  outboxDir: string | null;
  /** The exchange the summary is about, named when several are summarised one after another. */
  exchange?: { id: number; name: string };
  /** Unreachable givers whose last error was the outbox folder, which their details cannot fix. */
  outboxFailed?: number;
}): string {
  const channels = Object.entries(summary.byChannel)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([kind, count]) => `${count} by ${CHANNEL_LABELS[kind as ChannelKind]}`);
  const how = channels.length > 0 ? `: ${channels.join(', ')}` : '';
  const heading =
    summary.exchange === undefined ? '' : `"${summary.exchange.name}" (exchange ${summary.exchange.id}): `;
  const lines = [`${heading}Told ${summary.told} of ${summary.givers} givers${how}.`];

  if (summary.outboxDir !== null && (summary.byChannel.file ?? 0) > 0) {
    lines.push(`Outbox files are in ${summary.outboxDir}; pass each one on to its giver unread.`);
  }
  if (summary.pending.length > 0) {
    lines.push(`Still pending: ${summary.pending.join(', ')}. Run santa deliver to try again.`);
  }
  if (summary.unreachable.length > 0) {
    const folderAtFault =
      summary.outboxDir !== null && (summary.outboxFailed ?? 0) === summary.unreachable.length;
    const advice = folderAtFault
      ? `The outbox folder ${summary.outboxDir} could not be written: make SANTA_OUTBOX_DIR a writable folder, then run santa resend EXCHANGE PERSON.`
      : 'Fix their details and run santa resend EXCHANGE PERSON.';
    lines.push(
      `Could not reach ${summary.unreachable.length} ${summary.unreachable.length === 1 ? 'giver' : 'givers'}: ${summary.unreachable.join(', ')}. ${advice}`,
    );
  }
  return lines.join('\n');
}

/** Returns the line of one giver in `santa status EXCHANGE`. */
export function giverStatusLine(
  name: string,
  width: number,
  state: {
    state: 'told' | 'pending' | 'unreachable';
    channels: readonly ChannelKind[];
    lastErrorCode: string | null;
  },
): string {
  const labels = [...new Set(state.channels)].map((kind) => CHANNEL_LABELS[kind]).join(', ');
  const error = state.lastErrorCode === null ? '' : ` (last error ${state.lastErrorCode})`;
  const text = { told: `told by ${labels}`, pending: `pending${error}`, unreachable: `unreachable${error}` }[
    state.state
  ];
  return `  ${name.padEnd(width)}  ${text}`;
}

export function exchangeHeading(
  exchange: { id: number; name: string; platform: string; status: string },
  people: number,
): string {
  return `"${exchange.name}" (exchange ${exchange.id}, ${exchange.platform}, ${exchange.status}), ${people} people`;
}

export const statusTexts = {
  noExchanges: () => 'No exchanges yet. Start one with: santa draw FILE.csv',
  notDrawn: () => '  Not drawn yet.',
  totals: (told: number, pending: number, unreachable: number) =>
    `Told ${told}, pending ${pending}, unreachable ${unreachable}.`,
  tableHeader: ['ID', 'NAME', 'PLATFORM', 'STATUS', 'PEOPLE', 'TOLD', 'PENDING', 'UNREACHABLE'] as const,
};

export const lookupProblems = {
  exchangeNotFound: (ref: string) => `No exchange "${ref}". Run santa status to list the exchanges.`,
  personNotFound: (person: string, exchange: string, names: readonly string[]) =>
    `Nobody named "${person}" is in "${exchange}". People: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.`,
  notDrawn: (exchange: string) =>
    `"${exchange}" has not been drawn yet, so there is nothing to send or export.`,
  notAGiver: (person: string) => `${person} is not a giver in the latest draw.`,
  exportExists: (path: string) =>
    `${path} already exists. Choose another file, or add --force to overwrite it.`,
  exportUnwritable: (path: string, reason: string) =>
    `Cannot write ${path} (${reason}). Check the folder and its permissions.`,
};

export function resendQueued(giver: string): string {
  return `Telling ${giver} their recipient again.`;
}

/**
 * Returns the line after a resend. `outboxFile` is the name of the outbox file written, if any; it
 * names the giver, never the recipient.
 */
export function resendTold(
  giver: string,
  channels: readonly ChannelKind[],
  outboxFile: string | null,
): string {
  const how = [...new Set(channels)].map((kind) => CHANNEL_LABELS[kind]).join(' and ');
  return outboxFile === null
    ? `Told ${giver} again by ${how}.`
    : `Told ${giver} again by ${how}: ${outboxFile}.`;
}

export function resendFailed(giver: string, lastErrorCode: string | null): string {
  const reason =
    lastErrorCode === null
      ? 'no channel could reach them'
      : `every channel failed, the last with ${lastErrorCode}`;
  return `Could not reach ${giver}: ${reason}.`;
}

export function exportWritten(path: string, exchange: string, pairs: number): string {
  return `Wrote the ${pairs} pairings of "${exchange}" to ${path}. It shows who drew whom: keep it private.`;
}

export function deliverNothing(): string {
  return 'No messages are pending.';
}

export function serveStarted(): string {
  return 'santa is running. Press Ctrl+C to stop.';
}

export function discordRegistered(count: number, guildId: string | undefined): string {
  return guildId === undefined
    ? `Registered ${count} Discord ${count === 1 ? 'command' : 'commands'} globally; they can take up to an hour to appear.`
    : `Registered ${count} Discord ${count === 1 ? 'command' : 'commands'} in server ${guildId}.`;
}

/** Returns the one line printed for an error that is not a SantaError, which would be a bug. */
export function unexpectedError(message: string): string {
  return `Unexpected error: ${message}. Run again with LOG_LEVEL=debug for details, and please report it.`;
}

// ---------------------------------------------------------------------------------------------------
// santa withdraw
// ---------------------------------------------------------------------------------------------------

/** Help of `santa withdraw`, in the style of `cliHelp`. */
export const withdrawHelp = {
  command:
    'Take one person out of a drawn exchange. The draw is adjusted without redrawing everyone, and every giver still in is told their recipient again.',
  personArgument: 'the name of the person who drops out, as written in the file',
};

export const withdrawProblems = {
  notDrawn: (person: string, exchange: string, status: string) =>
    `"${exchange}" is ${status}, not drawn, so ${person} cannot be withdrawn from its draw.`,
  alreadyWithdrawn: (person: string, exchange: string) =>
    `${person} was already withdrawn from "${exchange}".`,
  drawChanged: (exchange: string) =>
    `The draw of "${exchange}" changed several times while santa adjusted it, so nothing changed. Run the command again.`,
};

/** Returns the error output when the draw cannot be adjusted without the person. */
export function withdrawImpossible(person: string, explanation: string): string {
  return `${person} stays in: the draw cannot be adjusted without them.\n${explanation}\nNothing was stored or sent.`;
}

/**
 * Returns the line after a withdrawal. It names nobody and does not say how many recipients changed,
 * because either would hint at who drew whom.
 */
export function withdrawStored(person: string, exchange: string, people: number): string {
  return `Withdrew ${person} from "${exchange}". The draw was adjusted for the ${people} people still in, and each of them is told their recipient again.`;
}

/** Returns the summary of the new messages, in counts only. */
export function withdrawSummary(told: number, givers: number): string {
  const lines = [`Told ${told} of ${givers} ${givers === 1 ? 'giver' : 'givers'} their recipient again.`];
  if (told < givers) {
    lines.push(
      `${givers - told} could not be reached yet. Run santa deliver to try the pending messages again.`,
    );
  }
  return lines.join('\n');
}
