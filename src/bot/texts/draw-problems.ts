/**
 * Explanations of an impossible draw, in words an organiser understands, naming the people involved
 * and why they are ruled out. The engine returns a stable code with participant ids. The caller passes
 * the problem the engine was given and `nameOf`, which turns an id into the person's display name, and
 * this module escapes that name.
 */
import type { TextFormat } from '../commands/types.js';
import {
  forcedMutualPairs,
  reasonsGiverIsBlocked,
  reasonsRecipientIsBlocked,
  type BlockingReasons,
} from '../draw/blocking-reasons.js';
import type { Platform } from '../model.js';
import type { DrawInfeasible, DrawProblem, DrawRules, PersonId } from '../../engine/types.js';

export interface DrawProblemContext {
  /** Decides how to say who takes part: people join on Slack and Discord but are listed in a CSV file. */
  platform: Platform;
  /** The engine's input for the failed draw or repair; the reasons are read from it. */
  problem: DrawProblem;
  nameOf: (id: PersonId) => string;
  /** True when repairing a draw after someone left: the people named are those who would remain. */
  afterLeave?: boolean;
}

/** How many names a list shows before it ends with "and N others". */
const MAX_NAMES = 5;

/** The largest group named in full when the engine points at everyone instead of particular givers. */
const MAX_NAMED_GROUP = 8;

/** Returns the explanation of an impossible draw, ending with what the organiser can change. */
export function explainInfeasible(
  format: TextFormat,
  outcome: DrawInfeasible,
  context: DrawProblemContext,
): string {
  // People are named in join order, whatever order the engine found them in.
  const position = new Map(context.problem.participants.map((id, index) => [id, index]));
  const names = (ids: readonly PersonId[]): string =>
    joinCapped(
      [...ids]
        .sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))
        .map((id) => format.escape(context.nameOf(id))),
    );

  const lines = [`The draw is not possible. ${reason(format, outcome, context, names)}`];
  if (outcome.relaxedHistory.length > 0) {
    lines.push(
      `Pairings from earlier exchanges were allowed again and it is still impossible: ${outcome.relaxedHistory.map((label) => format.escape(label)).join(', ')}.`,
    );
  }
  lines.push(
    context.afterLeave === true
      ? 'The person stays in the drawn exchange. To take them out anyway, cancel it and start a new one.'
      : 'Remove an exclusion, split a household or relax a rule, then draw again.',
  );
  return lines.join('\n');
}

type NameList = (ids: readonly PersonId[]) => string;

function reason(
  format: TextFormat,
  outcome: DrawInfeasible,
  context: DrawProblemContext,
  names: NameList,
): string {
  const { problem } = context;
  const givers = names(outcome.givers);
  const recipients = names(outcome.recipients);
  switch (outcome.code) {
    case 'TOO_FEW_PARTICIPANTS':
      return tooFewParticipants(context, names);
    case 'NOBODY_TO_DRAW': {
      const giver = outcome.givers[0] ?? '';
      const blocked = reasonsGiverIsBlocked(problem, outcome.relaxedHistory, giver);
      return `${givers} has nobody left to draw: ${giverReasons(format, names([giver]), blocked, names)}.`;
    }
    case 'NOBODY_MAY_DRAW': {
      const recipient = outcome.recipients[0] ?? '';
      const blocked = reasonsRecipientIsBlocked(problem, outcome.relaxedHistory, recipient);
      return `Nobody may draw ${recipients}: ${recipientReasons(format, names([recipient]), blocked, names)}.`;
    }
    case 'GROUP_TOO_FEW_RECIPIENTS':
      return `${givers} can only give to ${recipients} between them, which is ${outcome.recipients.length} ${outcome.recipients.length === 1 ? 'person' : 'people'} for ${outcome.givers.length} givers.`;
    case 'GROUP_TOO_FEW_GIVERS':
      return `Only ${givers} may draw ${recipients}, which is ${outcome.givers.length} ${outcome.givers.length === 1 ? 'giver' : 'givers'} for ${outcome.recipients.length} people.`;
    case 'CLOSED_GROUP':
      return `With the single-loop rule, ${givers} may only give among themselves, so no single loop can pass through everyone.`;
    case 'NO_VALID_LOOP':
      return noValidLoop(outcome, context, names);
    case 'NOT_FOUND_IN_BUDGET':
      return 'No draw was found within the search limit. The exclusions may leave no possible draw.';
  }
}

function tooFewParticipants(context: DrawProblemContext, names: NameList): string {
  const { participants, rules } = context.problem;
  const count = participants.length;
  const minimum = rules.noReciprocal ? 3 : 2;

  let whoTakesPart: string;
  if (context.afterLeave === true) {
    whoTakesPart = count === 0 ? 'Nobody would remain' : `Only ${names(participants)} would remain`;
  } else if (context.platform === 'cli') {
    whoTakesPart =
      count === 0
        ? 'Nobody is in the file'
        : `Only ${names(participants)} ${count === 1 ? 'is' : 'are'} in the file`;
  } else {
    whoTakesPart =
      count === 0
        ? 'Nobody has joined'
        : `Only ${names(participants)} ${count === 1 ? 'has' : 'have'} joined`;
  }
  return rules.noReciprocal
    ? `${whoTakesPart}, and with the rule that no two people draw each other a draw needs at least ${minimum} people.`
    : `${whoTakesPart}, and a draw needs at least ${minimum} people.`;
}

/** Lists why the giver, already named, may draw nobody: "Bo is in Ann's household, Ann excludes Cy". */
function giverReasons(format: TextFormat, giver: string, blocked: BlockingReasons, names: NameList): string {
  const clauses: string[] = [];
  if (blocked.sameHousehold.length > 0)
    clauses.push(`${names(blocked.sameHousehold)} ${isOrAre(blocked.sameHousehold)} in ${giver}'s household`);
  if (blocked.excluded.length > 0) clauses.push(`${giver} excludes ${names(blocked.excluded)}`);
  for (const past of blocked.pastPairings)
    clauses.push(`${giver} drew ${names(past.people)} in ${format.escape(past.label)}`);
  if (blocked.noReciprocal.length > 0)
    clauses.push(`${names(blocked.noReciprocal)} may only draw ${giver}, so ${giver} may not draw them back`);
  if (blocked.other.length > 0)
    clauses.push(`${names(blocked.other)} ${isOrAre(blocked.other)} ruled out by the rules`);
  return joinClauses(clauses);
}

/** Lists why nobody may draw the recipient, already named: "Cy excludes Dee". */
function recipientReasons(
  format: TextFormat,
  recipient: string,
  blocked: BlockingReasons,
  names: NameList,
): string {
  const clauses: string[] = [];
  if (blocked.sameHousehold.length > 0)
    clauses.push(
      `${names(blocked.sameHousehold)} ${isOrAre(blocked.sameHousehold)} in ${recipient}'s household`,
    );
  if (blocked.excluded.length > 0)
    clauses.push(
      `${names(blocked.excluded)} ${blocked.excluded.length === 1 ? 'excludes' : 'exclude'} ${recipient}`,
    );
  for (const past of blocked.pastPairings)
    clauses.push(`${names(past.people)} drew ${recipient} in ${format.escape(past.label)}`);
  if (blocked.noReciprocal.length > 0) {
    const only = names(blocked.noReciprocal);
    clauses.push(`${recipient} may only draw ${only}, so ${only} may not draw ${recipient} back`);
  }
  if (blocked.other.length > 0)
    clauses.push(`${names(blocked.other)} ${isOrAre(blocked.other)} ruled out by the rules`);
  return joinClauses(clauses);
}

function noValidLoop(outcome: DrawInfeasible, context: DrawProblemContext, names: NameList): string {
  const { problem } = context;
  const rules = describeRules(problem.rules);

  // The engine may point at some givers; when it points at everyone, only a small group is named.
  const everyone = problem.participants;
  const pointed = outcome.givers.length > 0 && outcome.givers.length < everyone.length;
  const people = pointed ? outcome.givers : everyone;
  const sentence =
    pointed || people.length <= MAX_NAMED_GROUP
      ? `No draw of ${names(people)} satisfies the exclusions and households together with ${rules}.`
      : `No draw satisfies the exclusions and households together with ${rules}.`;
  if (!problem.rules.noReciprocal) return sentence;

  const mutual = forcedMutualPairs(problem, outcome.relaxedHistory).map(([a, b]) => names([a, b]));
  if (mutual.length === 0) return sentence;
  if (mutual.length === 1) return `${sentence} ${mutual[0]} may only draw each other.`;
  // Each pair already contains "and", so the pairs are separated by semicolons.
  const shownPairs = mutual.slice(0, MAX_NAMES).join('; ');
  const more = mutual.length > MAX_NAMES ? ` and ${mutual.length - MAX_NAMES} more pairs` : '';
  return `${sentence} These pairs may only draw each other: ${shownPairs}${more}.`;
}

function describeRules(rules: DrawRules): string {
  const parts = [
    rules.noReciprocal ? 'the rule that no two people draw each other' : null,
    rules.singleLoop ? 'the single-loop rule' : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' and ') : 'the rules';
}

function isOrAre(ids: readonly PersonId[]): string {
  return ids.length === 1 ? 'is' : 'are';
}

/** Joins names as people write them: "Ann", "Ann and Bo", "Ann, Bo and Cy", then "and 3 others". */
function joinCapped(names: readonly string[]): string {
  if (names.length > MAX_NAMES + 1) {
    const hidden = names.length - MAX_NAMES;
    return `${names.slice(0, MAX_NAMES).join(', ')} and ${hidden} others`;
  }
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Joins clauses with a comma before the last "and", because a clause may itself contain "and":
 * "Bo is in Ann's household, and Ann excludes Cy and Dee".
 */
function joinClauses(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses[0] ?? '';
  return `${clauses.slice(0, -1).join(', ')}, and ${clauses[clauses.length - 1]}`;
}

/** Returns the label of a past exchange, shown when its pairings had to be allowed again. */
export function pastExchangeLabel(exchangeName: string, drawnAt: number): string {
  return `${exchangeName} (${new Date(drawnAt).toISOString().slice(0, 10)})`;
}

/** Returns why a draw could not start for an exchange that is missing or not open. */
export function explainNotOpen(
  format: TextFormat,
  exchange: { id: number; name: string; status: string } | null,
  requestedId: number,
): string {
  if (exchange === null) return `No exchange has the id ${requestedId}.`;
  const name = format.bold(format.escape(exchange.name));
  return exchange.status === 'drawn'
    ? `${name} has already been drawn; a draw is never replaced.`
    : `${name} is ${exchange.status}, so it cannot be drawn.`;
}
