import { describe, expect, it } from 'vitest';

import { plainFormat } from '../../../src/bot/commands/plain-format.js';
import { runDraw } from '../../../src/bot/draw/run-draw.js';
import type { ExchangeRules, Platform } from '../../../src/bot/model.js';
import { nameKey } from '../../../src/bot/names.js';
import { explainInfeasible } from '../../../src/bot/texts/draw-problems.js';
import type { DrawInfeasible, DrawProblem, InfeasibleCode } from '../../../src/engine/types.js';
import { createTestBot, markingFormat } from '../helpers.js';

interface Setup {
  people: { name: string; household?: string }[];
  /** Giver and recipient names: the giver may not draw the recipient. */
  exclusions?: [string, string][];
  rules?: Partial<ExchangeRules>;
}

/** Draws an exchange on the given platform and returns its code and explanation. */
function attempt(platform: Platform, setup: Setup): { code: string; explanation: string } {
  const bot = createTestBot({ kinds: ['file'] });
  const now = bot.deps.clock.now();
  const exchange = bot.store.createExchange(
    {
      name: 'Family',
      platform,
      groupKey: platform === 'cli' ? 'cli:family' : 'T1',
      channelId: platform === 'cli' ? null : 'C1',
      organiserId: platform === 'cli' ? 'cli' : 'UANN',
      budget: null,
      exchangeDate: null,
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 0, ...setup.rules },
    },
    now,
  );
  const ids = new Map<string, number>();
  for (const person of setup.people) {
    const participant = bot.store.addParticipant(
      {
        exchangeId: exchange.id,
        platformUserId: null,
        displayName: person.name,
        nameKey: nameKey(person.name),
        phone: null,
        email: null,
        household: person.household ?? null,
        wishlist: null,
        channels: null,
      },
      now,
    );
    ids.set(person.name, participant.id);
  }
  for (const [giver, recipient] of setup.exclusions ?? []) {
    bot.store.addExclusion({
      exchangeId: exchange.id,
      giverId: ids.get(giver)!,
      recipientId: ids.get(recipient)!,
    });
  }

  const format = platform === 'cli' ? plainFormat : markingFormat;
  const report = runDraw(bot.deps, exchange.id, { notify: 'first-reachable', dryRun: true, format });
  if (report.ok) throw new Error(`expected an impossible draw on ${platform}`);
  return { code: report.code, explanation: report.explanation };
}

/** Draws the same setup from a CSV file and on Slack. */
function onBothPlatforms(setup: Setup): { cli: unknown; slack: unknown } {
  return { cli: attempt('cli', setup), slack: attempt('slack', setup) };
}

const names = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];

function person(name: string, household?: string): { name: string; household?: string } {
  return household === undefined ? { name } : { name, household };
}

/** Returns an exclusion from each of the givers to each of the recipients. */
function excludeAll(givers: string[], recipients: string[]): [string, string][] {
  return givers.flatMap((giver) => recipients.map((recipient): [string, string] => [giver, recipient]));
}

describe('explaining an impossible draw', () => {
  it('names whom a giver excludes', () => {
    const setup: Setup = {
      people: ['Ann', 'Bo', 'Cy'].map((name) => person(name)),
      exclusions: [
        ['Ann', 'Bo'],
        ['Ann', 'Cy'],
      ],
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "NOBODY_TO_DRAW",
          "explanation": "The draw is not possible. Ann has nobody left to draw: Ann excludes Bo and Cy.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "NOBODY_TO_DRAW",
          "explanation": "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Ann⟧ excludes ⟦Bo⟧ and ⟦Cy⟧.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it("groups a giver's reasons by kind", () => {
    const setup: Setup = {
      people: [person('Ann', 'north'), person('Bo', 'north'), person('Cy'), person('Dee')],
      exclusions: [
        ['Ann', 'Cy'],
        ['Ann', 'Dee'],
      ],
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "NOBODY_TO_DRAW",
          "explanation": "The draw is not possible. Ann has nobody left to draw: Bo is in Ann's household, and Ann excludes Cy and Dee.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "NOBODY_TO_DRAW",
          "explanation": "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Bo⟧ is in ⟦Ann⟧'s household, and ⟦Ann⟧ excludes ⟦Cy⟧ and ⟦Dee⟧.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it('caps a long list of names', () => {
    const people = [...names, 'Kim', 'Lou', 'Max', 'Ned', 'Oz', 'Pam', 'Quin', 'Rue'].map((name) =>
      person(name),
    );
    const setup: Setup = {
      people,
      exclusions: people.slice(1).map(({ name }) => ['Ann', name] as [string, string]),
    };

    expect(attempt('cli', setup)).toMatchInlineSnapshot(`
      {
        "code": "NOBODY_TO_DRAW",
        "explanation": "The draw is not possible. Ann has nobody left to draw: Ann excludes Bo, Cy, Dee, Eve, Fay and 12 others.
      Remove an exclusion, split a household or relax a rule, then draw again.",
      }
    `);
  });

  it('names who may not draw a recipient', () => {
    const setup: Setup = {
      people: [person('Ann', 'north'), person('Bo', 'north'), person('Cy'), person('Dee')],
      exclusions: [
        ['Cy', 'Ann'],
        ['Dee', 'Ann'],
      ],
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "NOBODY_MAY_DRAW",
          "explanation": "The draw is not possible. Nobody may draw Ann: Bo is in Ann's household, and Cy and Dee exclude Ann.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "NOBODY_MAY_DRAW",
          "explanation": "The draw is not possible. Nobody may draw ⟦Ann⟧: ⟦Bo⟧ is in ⟦Ann⟧'s household, and ⟦Cy⟧ and ⟦Dee⟧ exclude ⟦Ann⟧.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it('names forced mutual pairs under no-reciprocal', () => {
    const setup: Setup = {
      people: ['Ann', 'Bo', 'Cy', 'Dee'].map((name) => person(name)),
      exclusions: [...excludeAll(['Ann', 'Bo'], ['Cy', 'Dee']), ...excludeAll(['Cy', 'Dee'], ['Ann', 'Bo'])],
      rules: { noReciprocal: true },
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "NO_VALID_LOOP",
          "explanation": "The draw is not possible. No draw of Ann, Bo, Cy and Dee satisfies the exclusions and households together with the rule that no two people draw each other. These pairs may only draw each other: Ann and Bo; Cy and Dee.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "NO_VALID_LOOP",
          "explanation": "The draw is not possible. No draw of ⟦Ann⟧, ⟦Bo⟧, ⟦Cy⟧ and ⟦Dee⟧ satisfies the exclusions and households together with the rule that no two people draw each other. These pairs may only draw each other: ⟦Ann⟧ and ⟦Bo⟧; ⟦Cy⟧ and ⟦Dee⟧.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it('says who is in the file or has joined', () => {
    const setup: Setup = { people: [person('Ann'), person('Bo')], rules: { noReciprocal: true } };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "TOO_FEW_PARTICIPANTS",
          "explanation": "The draw is not possible. Only Ann and Bo are in the file, and with the rule that no two people draw each other a draw needs at least 3 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "TOO_FEW_PARTICIPANTS",
          "explanation": "The draw is not possible. Only ⟦Ann⟧ and ⟦Bo⟧ have joined, and with the rule that no two people draw each other a draw needs at least 3 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it('says when one person or nobody takes part', () => {
    expect({
      one: onBothPlatforms({ people: [person('Ann')] }),
      none: onBothPlatforms({ people: [] }),
    }).toMatchInlineSnapshot(`
      {
        "none": {
          "cli": {
            "code": "TOO_FEW_PARTICIPANTS",
            "explanation": "The draw is not possible. Nobody is in the file, and a draw needs at least 2 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          },
          "slack": {
            "code": "TOO_FEW_PARTICIPANTS",
            "explanation": "The draw is not possible. Nobody has joined, and a draw needs at least 2 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          },
        },
        "one": {
          "cli": {
            "code": "TOO_FEW_PARTICIPANTS",
            "explanation": "The draw is not possible. Only Ann is in the file, and a draw needs at least 2 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          },
          "slack": {
            "code": "TOO_FEW_PARTICIPANTS",
            "explanation": "The draw is not possible. Only ⟦Ann⟧ has joined, and a draw needs at least 2 people.
      Remove an exclusion, split a household or relax a rule, then draw again.",
          },
        },
      }
    `);
  });

  it('keeps naming a group with too few recipients', () => {
    const setup: Setup = {
      people: [person('Ann', 'north'), person('Bo', 'north'), person('Cy', 'north'), person('Dee')],
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "GROUP_TOO_FEW_RECIPIENTS",
          "explanation": "The draw is not possible. Ann, Bo and Cy can only give to Dee between them, which is 1 person for 3 givers.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "GROUP_TOO_FEW_RECIPIENTS",
          "explanation": "The draw is not possible. ⟦Ann⟧, ⟦Bo⟧ and ⟦Cy⟧ can only give to ⟦Dee⟧ between them, which is 1 person for 3 givers.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });

  it('names a closed group under single-loop', () => {
    const setup: Setup = {
      people: ['Ann', 'Bo', 'Cy', 'Dee'].map((name) => person(name)),
      exclusions: excludeAll(['Ann', 'Bo'], ['Cy', 'Dee']),
      rules: { singleLoop: true },
    };

    expect(onBothPlatforms(setup)).toMatchInlineSnapshot(`
      {
        "cli": {
          "code": "CLOSED_GROUP",
          "explanation": "The draw is not possible. With the single-loop rule, Ann and Bo may only give among themselves, so no single loop can pass through everyone.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
        "slack": {
          "code": "CLOSED_GROUP",
          "explanation": "The draw is not possible. With the single-loop rule, ⟦Ann⟧ and ⟦Bo⟧ may only give among themselves, so no single loop can pass through everyone.
      Remove an exclusion, split a household or relax a rule, then draw again.",
        },
      }
    `);
  });
});

/** Builds a problem over the first `size` names, each named by itself, with no constraints. */
function problemOf(size: number, overrides: Partial<DrawProblem> = {}): DrawProblem {
  return {
    participants: names.slice(0, size),
    exclusions: [],
    households: [],
    rules: { noReciprocal: false, singleLoop: false, avoidPast: 0 },
    history: [],
    ...overrides,
  };
}

function infeasible(
  code: InfeasibleCode,
  givers: string[],
  recipients: string[] = [],
  relaxedHistory: string[] = [],
): DrawInfeasible {
  return { ok: false, code, givers, recipients, relaxedHistory };
}

function explain(
  outcome: DrawInfeasible,
  problem: DrawProblem,
  options: { platform?: Platform; afterLeave?: boolean } = {},
): string {
  return explainInfeasible(markingFormat, outcome, {
    platform: options.platform ?? 'slack',
    problem,
    nameOf: (id) => id,
    afterLeave: options.afterLeave,
  });
}

describe('explainInfeasible', () => {
  it('names past pairings still avoided', () => {
    const problem = problemOf(4, {
      exclusions: [['Ann', 'Cy']],
      households: [['Ann', 'Bo']],
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 1 },
      history: [{ label: 'Family (2025-12-01)', pairs: [['Ann', 'Dee']] }],
    });

    expect(explain(infeasible('NOBODY_TO_DRAW', ['Ann']), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Bo⟧ is in ⟦Ann⟧'s household, ⟦Ann⟧ excludes ⟦Cy⟧, and ⟦Ann⟧ drew ⟦Dee⟧ in ⟦Family (2025-12-01)⟧.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
    expect(
      explain(
        infeasible('NOBODY_MAY_DRAW', [], ['Dee']),
        problemOf(4, {
          exclusions: [['Bo', 'Dee']],
          households: [['Cy', 'Dee']],
          rules: { noReciprocal: false, singleLoop: false, avoidPast: 1 },
          history: [{ label: 'Family (2025-12-01)', pairs: [['Ann', 'Dee']] }],
        }),
      ),
    ).toMatchInlineSnapshot(`
      "The draw is not possible. Nobody may draw ⟦Dee⟧: ⟦Cy⟧ is in ⟦Dee⟧'s household, ⟦Bo⟧ excludes ⟦Dee⟧, and ⟦Ann⟧ drew ⟦Dee⟧ in ⟦Family (2025-12-01)⟧.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
  });

  it('skips past pairings that were allowed again', () => {
    const problem = problemOf(3, {
      exclusions: [['Ann', 'Bo']],
      rules: { noReciprocal: false, singleLoop: false, avoidPast: 1 },
      history: [{ label: '2025', pairs: [['Ann', 'Cy']] }],
    });

    expect(explain(infeasible('NOBODY_TO_DRAW', ['Ann'], [], ['2025']), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Ann⟧ excludes ⟦Bo⟧, and ⟦Cy⟧ is ruled out by the rules.
      Pairings from earlier exchanges were allowed again and it is still impossible: ⟦2025⟧.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
  });

  it('names a pairing ruled out by no-reciprocal', () => {
    const problem = problemOf(3, {
      exclusions: [
        ['Ann', 'Bo'],
        ['Cy', 'Bo'],
      ],
      rules: { noReciprocal: true, singleLoop: false, avoidPast: 0 },
    });

    expect(explain(infeasible('NOBODY_TO_DRAW', ['Ann']), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. ⟦Ann⟧ has nobody left to draw: ⟦Ann⟧ excludes ⟦Bo⟧, and ⟦Cy⟧ may only draw ⟦Ann⟧, so ⟦Ann⟧ may not draw them back.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
    expect(
      explain(
        infeasible('NOBODY_MAY_DRAW', [], ['Cy']),
        problemOf(3, {
          exclusions: [
            ['Ann', 'Cy'],
            ['Cy', 'Ann'],
          ],
          rules: { noReciprocal: true, singleLoop: false, avoidPast: 0 },
        }),
      ),
    ).toMatchInlineSnapshot(`
      "The draw is not possible. Nobody may draw ⟦Cy⟧: ⟦Ann⟧ excludes ⟦Cy⟧, and ⟦Cy⟧ may only draw ⟦Bo⟧, so ⟦Bo⟧ may not draw ⟦Cy⟧ back.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
  });

  it('names the givers the engine points at', () => {
    const problem = problemOf(10, { rules: { noReciprocal: false, singleLoop: true, avoidPast: 0 } });

    expect(explain(infeasible('NO_VALID_LOOP', ['Bo', 'Ann', 'Cy']), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. No draw of ⟦Ann⟧, ⟦Bo⟧ and ⟦Cy⟧ satisfies the exclusions and households together with the single-loop rule.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
    expect(explain(infeasible('NO_VALID_LOOP', names), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. No draw satisfies the exclusions and households together with the single-loop rule.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
  });

  it('says who would remain after a leave', () => {
    const problem = problemOf(2, { rules: { noReciprocal: true, singleLoop: false, avoidPast: 0 } });
    const outcome = infeasible('TOO_FEW_PARTICIPANTS', ['Ann', 'Bo']);

    expect(explain(outcome, problem, { platform: 'cli', afterLeave: true })).toMatchInlineSnapshot(`
      "The draw is not possible. Only ⟦Ann⟧ and ⟦Bo⟧ would remain, and with the rule that no two people draw each other a draw needs at least 3 people.
      The person stays in the drawn exchange. To take them out anyway, cancel it and start a new one."
    `);
  });

  it('explains too few givers and an exhausted budget', () => {
    const problem = problemOf(4);

    expect(explain(infeasible('GROUP_TOO_FEW_GIVERS', ['Dee'], ['Ann', 'Bo']), problem))
      .toMatchInlineSnapshot(`
      "The draw is not possible. Only ⟦Dee⟧ may draw ⟦Ann⟧ and ⟦Bo⟧, which is 1 giver for 2 people.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
    expect(explain(infeasible('NOT_FOUND_IN_BUDGET', []), problem)).toMatchInlineSnapshot(`
      "The draw is not possible. No draw was found within the search limit. The exclusions may leave no possible draw.
      Remove an exclusion, split a household or relax a rule, then draw again."
    `);
  });
});
