import { randomInt } from 'node:crypto';

/** A source of uniform random integers. Production uses `cryptoRandom`; tests pass `seededRandom`. */
export interface RandomSource {
  /** Returns a uniform integer in [0, bound). `bound` is a positive safe integer. */
  nextInt(bound: number): number;
}

/** Cryptographic randomness from node:crypto, for real draws. */
export const cryptoRandom: RandomSource = {
  nextInt(bound: number): number {
    if (bound <= 1) return 0;
    // crypto.randomInt accepts ranges below 2^48 only.
    if (bound <= 2 ** 48) return randomInt(bound);
    return Math.floor((randomInt(2 ** 48) / 2 ** 48) * bound);
  },
};

/**
 * Returns a deterministic source (xoshiro128**) for tests and benchmarks. Not for real draws:
 * anyone who learns the seed can reproduce the draw.
 */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0 || 0x9e3779b9;
  let b = Math.imul(a, 0x85ebca6b) >>> 0 || 1;
  let c = Math.imul(b, 0xc2b2ae35) >>> 0 || 2;
  let d = (a ^ b ^ c ^ 0x27d4eb2f) >>> 0 || 3;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  // Warm up so that nearby seeds do not give correlated first values.
  for (let i = 0; i < 16; i++) next32();

  return {
    nextInt(bound: number): number {
      if (bound <= 1) return 0;
      if (bound <= 2 ** 32) {
        // Rejection sampling removes the modulo bias.
        const limit = 2 ** 32 - (2 ** 32 % bound);
        for (;;) {
          const value = next32();
          if (value < limit) return value % bound;
        }
      }
      const high = next32() * 2 ** 21 + (next32() >>> 11);
      return Math.floor((high / 2 ** 53) * bound);
    },
  };
}

function rotl(value: number, shift: number): number {
  return ((value << shift) | (value >>> (32 - shift))) >>> 0;
}
