import { describe, expect, it } from 'vitest';
import { describeInfeasible } from '../../src/engine/index.js';
import type { DrawInfeasible } from '../../src/engine/types.js';

const names: Record<string, string> = { a: 'Ann', b: 'Bo', c: 'Cy', d: 'Dee', e: 'Eve' };
const nameOf = (id: string): string => names[id] ?? id;

function infeasible(
  code: DrawInfeasible['code'],
  givers: string[],
  recipients: string[] = [],
  relaxedHistory: string[] = [],
): DrawInfeasible {
  return { ok: false, code, givers, recipients, relaxedHistory };
}

describe('describeInfeasible', () => {
  it.each([
    [infeasible('TOO_FEW_PARTICIPANTS', ['a']), 'Only Ann has joined: a draw needs at least 2 people.'],
    [
      infeasible('TOO_FEW_PARTICIPANTS', ['a', 'b']),
      'Ann and Bo would have to draw each other, which the no-reciprocal rule forbids: a draw without mutual pairs needs at least 3 people.',
    ],
    [infeasible('NOBODY_TO_DRAW', ['a']), 'Ann has nobody left to draw.'],
    [infeasible('NOBODY_MAY_DRAW', [], ['d']), 'Nobody may draw Dee.'],
    [infeasible('GROUP_TOO_FEW_RECIPIENTS', ['a', 'b', 'c'], ['d']), 'Ann, Bo and Cy can only give to Dee.'],
    [infeasible('GROUP_TOO_FEW_GIVERS', ['a'], ['c', 'd']), 'Cy and Dee can only be drawn by Ann.'],
    [
      infeasible('CLOSED_GROUP', ['a', 'b']),
      'Ann and Bo can only give among themselves, so no single loop can run through everyone.',
    ],
    [
      infeasible('NOBODY_TO_DRAW', ['a'], [], ['2023', '2024']),
      'Ann has nobody left to draw. This is so even with the pairings of 2023 and 2024 allowed again.',
    ],
  ])('describes %o', (outcome, text) => {
    expect(describeInfeasible(outcome, nameOf)).toBe(text);
  });

  it('shortens long lists of names', () => {
    const givers = Array.from({ length: 12 }, (_, i) => `p${i}`);
    expect(describeInfeasible(infeasible('GROUP_TOO_FEW_RECIPIENTS', givers, ['e']), nameOf)).toBe(
      'p0, p1, p2, p3, p4, p5, p6 and 5 others can only give to Eve.',
    );
  });
});
