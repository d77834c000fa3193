/**
 * Explanations of an impossible draw, in words an organiser understands, naming the people involved.
 * The engine returns a stable code with participant ids. The caller passes `nameOf`, which turns an
 * id into the person's display name, and this module escapes that name.
 */
import type { TextFormat } from '../commands/types.js';
import type { ExchangeRules } from '../model.js';
import type { DrawInfeasible } from '../../engine/types.js';

export interface DrawProblemContext {
  rules: ExchangeRules;
  /** Everyone in the draw, as engine person ids. */
  participants: readonly string[];
  nameOf: (id: string) => string;
}

/** Returns the explanation of an impossible draw, ending with what the organiser can change. */
export function explainInfeasible(
  format: TextFormat,
  outcome: DrawInfeasible,
  context: DrawProblemContext,
): string {
  // People are named in join order, whatever order the engine found them in.
  const order = (id: string): number => context.participants.indexOf(id);
  const names = (ids: readonly string[]): string =>
    joinNames([...ids].sort((a, b) => order(a) - order(b)).map((id) => format.escape(context.nameOf(id))));
  const givers = names(outcome.givers);
  const recipients = names(outcome.recipients);

  const lines = [`The draw is not possible. ${reason(outcome, context, givers, recipients, names)}`];
  if (outcome.relaxedHistory.length > 0) {
    lines.push(
      `Pairings from earlier exchanges were allowed again and it is still impossible: ${outcome.relaxedHistory.map((label) => format.escape(label)).join(', ')}.`,
    );
  }
  lines.push('Remove an exclusion, split a household or relax a rule, then draw again.');
  return lines.join('\n');
}

function reason(
  outcome: DrawInfeasible,
  context: DrawProblemContext,
  givers: string,
  recipients: string,
  names: (ids: readonly string[]) => string,
): string {
  const count = context.participants.length;
  switch (outcome.code) {
    case 'TOO_FEW_PARTICIPANTS': {
      const minimum = context.rules.noReciprocal ? 3 : 2;
      const who =
        count === 0
          ? 'Nobody has joined'
          : `Only ${names(context.participants)} ${count === 1 ? 'has' : 'have'} joined`;
      return context.rules.noReciprocal
        ? `${who}, and with the rule that no two people draw each other a draw needs at least ${minimum} people.`
        : `${who}, and a draw needs at least ${minimum} people.`;
    }
    case 'NOBODY_TO_DRAW':
      return `${givers} has nobody left to draw: everyone else is excluded, in the same household or ruled out by the rules.`;
    case 'NOBODY_MAY_DRAW':
      return `Nobody may draw ${recipients}: everyone else is excluded from drawing them, in the same household or ruled out by the rules.`;
    case 'GROUP_TOO_FEW_RECIPIENTS':
      return `${givers} can only give to ${recipients} between them, which is ${outcome.recipients.length} ${outcome.recipients.length === 1 ? 'person' : 'people'} for ${outcome.givers.length} givers.`;
    case 'GROUP_TOO_FEW_GIVERS':
      return `Only ${givers} may draw ${recipients}, which is ${outcome.givers.length} ${outcome.givers.length === 1 ? 'giver' : 'givers'} for ${outcome.recipients.length} people.`;
    case 'CLOSED_GROUP':
      return `With the single-loop rule, ${givers} may only give among themselves, so no single loop can pass through everyone.`;
    case 'NO_VALID_LOOP':
      return `No draw satisfies the exclusions together with ${describeRules(context.rules)}.`;
    case 'NOT_FOUND_IN_BUDGET':
      return 'No draw was found within the search limit. The exclusions may leave no possible draw.';
  }
}

function describeRules(rules: ExchangeRules): string {
  const parts = [
    rules.noReciprocal ? 'the rule that no two people draw each other' : null,
    rules.singleLoop ? 'the single-loop rule' : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' and ') : 'the households';
}

/** Joins names as people write them: "Ann", "Ann and Bo", "Ann, Bo and Cy". */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
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
