import fc from 'fast-check';
import type { DrawProblem, Pair } from '../../src/engine/types.js';

const NAMES = ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ida', 'Jo'];

/** Small random problems (up to `maxPeople`) with exclusions, households, rules and one past exchange. */
export function smallProblem(
  maxPeople: number,
  options: { history?: boolean } = {},
): fc.Arbitrary<DrawProblem> {
  return fc.integer({ min: 1, max: maxPeople }).chain((n) => {
    const people = NAMES.slice(0, n);
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
