/** The allocation engine: pure functions over participant ids, with no I/O, clock or platform types. */
export { drawAssignments } from './draw.js';
export { verifyDraw, isValidDraw } from './verify.js';
export type { RandomSource } from './random.js';
export type * from './types.js';
