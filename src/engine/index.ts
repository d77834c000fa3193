/** The allocation engine: pure functions over participant ids, with no I/O, clock or platform types. */
export { drawAssignments } from './draw.js';
export { verifyDraw, isValidDraw } from './verify.js';
export { repairDraw } from './repair.js';
export { describeInfeasible } from './describe.js';
export type { RandomSource } from './random.js';
export type * from './types.js';
