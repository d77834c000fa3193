import type { DrawInfeasible, PersonId } from './types.js';

/** Longest list of names written out in full; longer lists end with "and N others". */
const MAX_NAMES = 8;

/**
 * Explains an impossible draw in plain English for an organiser, for example "Ann, Bo and Cy can only
 * give to Dee". The engine's one piece of wording: the bot layer may wrap or translate it by `code`.
 */
export function describeInfeasible(outcome: DrawInfeasible, nameOf: (id: PersonId) => string): string {
  const givers = listNames(outcome.givers.map(nameOf));
  const recipients = listNames(outcome.recipients.map(nameOf));
  const many = outcome.givers.length > 1;
  return sentenceFor(outcome, givers, recipients, many) + relaxedNote(outcome.relaxedHistory);
}

function sentenceFor(outcome: DrawInfeasible, givers: string, recipients: string, many: boolean): string {
  switch (outcome.code) {
    case 'TOO_FEW_PARTICIPANTS':
      if (outcome.givers.length === 2) {
        return `${givers} would have to draw each other, which the no-reciprocal rule forbids: a draw without mutual pairs needs at least 3 people.`;
      }
      return outcome.givers.length === 0
        ? 'Nobody has joined yet: a draw needs at least 2 people.'
        : `Only ${givers} ${many ? 'have' : 'has'} joined: a draw needs at least 2 people.`;
    case 'NOBODY_TO_DRAW':
      return `${givers} ${many ? 'have' : 'has'} nobody left to draw.`;
    case 'NOBODY_MAY_DRAW':
      return `Nobody may draw ${recipients}.`;
    case 'GROUP_TOO_FEW_RECIPIENTS':
      return `${givers} can only give to ${recipients}.`;
    case 'GROUP_TOO_FEW_GIVERS':
      return `${recipients} can only be drawn by ${givers}.`;
    case 'CLOSED_GROUP':
      return `${givers} can only give among themselves, so no single loop can run through everyone.`;
    case 'NO_VALID_LOOP':
      return 'No draw meets the exclusions together with the single-loop or no-reciprocal rule.';
    case 'NOT_FOUND_IN_BUDGET':
      return 'No draw was found within the search limit, though one may exist. Removing an exclusion or a rule makes a draw easier to find.';
  }
}

function relaxedNote(relaxed: readonly string[]): string {
  if (relaxed.length === 0) return '';
  return ` This is so even with the pairings of ${listNames([...relaxed])} allowed again.`;
}

/** Joins names as "Ann", "Ann and Bo", "Ann, Bo and Cy", or "Ann, Bo, ... and 4 others". */
function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > MAX_NAMES) {
    const shown = names.slice(0, MAX_NAMES - 1);
    return `${shown.join(', ')} and ${names.length - shown.length} others`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
