import fc from 'fast-check';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

const NAMES = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ida', 'Jo'];

function nameOf(index: number): string {
  return NAMES[index] ?? `P${index}`;
}

/**
 * Random problems of `minPeople` to `maxPeople` people with exclusions (up to two per person),
 * households, rules and, with `history`, up to two past exchanges.
 */
export function smallProblem(
  maxPeople: number,
  options: { history?: boolean; minPeople?: number } = {},
): fc.Arbitrary<DrawProblem> {
  return fc.integer({ min: options.minPeople ?? 1, max: maxPeople }).chain((n) => {
    const people = Array.from({ length: n }, (_, i) => nameOf(i));
    const person = fc.constantFrom(...people);
    const pair = fc.tuple(person, person) as fc.Arbitrary<Pair>;
    return fc.record({
      participants: fc.constant(people),
      exclusions: fc.array(pair, { maxLength: n * 2 }),
      households:
        n < 2
          ? fc.constant([])
          : fc.array(fc.shuffledSubarray(people, { minLength: 2, maxLength: Math.min(3, n) }), {
              maxLength: 2,
            }),
      rules: fc.record({
        noReciprocal: fc.boolean(),
        singleLoop: fc.boolean(),
        avoidPast: options.history === true ? fc.integer({ min: 0, max: 2 }) : fc.constant(0),
      }),
      history:
        options.history === true
          ? fc.array(
              fc.record({
                label: fc.constantFrom('2023', '2024', '2025'),
                pairs: fc.array(pair, { maxLength: n }),
              }),
              { maxLength: 2 },
            )
          : fc.constant([]),
    });
  });
}
