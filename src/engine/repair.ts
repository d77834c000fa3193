import { buildModel, isAllowed, type ConstraintModel } from './constraints.js';
import { diagnoseBasics } from './diagnose.js';
import { drawAssignments } from './draw.js';
import type { RandomSource } from './random.js';
import type { DrawChange, DrawProblem, Pair, PersonId, RepairOutcome } from './types.js';
import { candidateGroups, permutations, shuffle } from './repair-candidates.js';
import { isValidDraw } from './verify.js';

/** Most givers, beyond those who must change, that a repair moves before it redraws everyone. */
const MAX_EXTRA_GIVERS = 3;
/**
 * Steps that checking candidate repairs for one loop may spend per group size: each check walks the
 * whole loop, so at 100,000 people this allows 50 checks.
 */
const LOOP_WALK_STEPS = 5_000_000;
/** Most givers without a recipient that a repair reassigns in place; beyond this it redraws. */
const MAX_OPEN_GIVERS = 3;

/**
 * Mends a valid draw after one participant leaves or joins, changing as few givers' recipients as
 * it can. `problem` describes the participants after the change; `current` is the draw before it.
 *
 * The givers who must change (the newcomer, whoever drew the leaver) are reassigned together with
 * the fewest extra givers that make a valid draw possible, checking groups of 0, 1, 2, 3 extra givers
 * in random order. Taking the first valid group in a uniformly random order picks uniformly among the
 * smallest repairs, so a newcomer does not always land beside the same person. Small draws are
 * checked exhaustively, so their repair is minimal. Above 4,000 groups per size, or once the loop
 * checks of LOOP_WALK_STEPS are spent, it is minimal among the groups tried. When no group works,
 * the whole draw is redrawn.
 */
export function repairDraw(
  problem: DrawProblem,
  current: readonly Pair[],
  change: DrawChange,
  random: RandomSource,
): RepairOutcome {
  const { model, relaxedHistory } = modelKeepingCurrent(problem, current);
  const basics = diagnoseBasics(model);
  if (basics !== undefined) {
    return redraw(problem, current, random);
  }

  const recipientOf = keptAssignments(model, current, change);
  const open: number[] = [];
  const free: number[] = [];
  const received = new Uint8Array(model.size);
  for (let g = 0; g < model.size; g++) {
    if (recipientOf[g] === -1) open.push(g);
    else received[recipientOf[g]!] = 1;
  }
  for (let r = 0; r < model.size; r++) if (received[r] === 0) free.push(r);
  // A leave or a join opens one giver. Many more mean `current` is not the draw before this change.
  if (open.length > MAX_OPEN_GIVERS) return redraw(problem, current, random);

  for (let extra = 0; extra <= MAX_EXTRA_GIVERS && extra + open.length <= model.size; extra++) {
    const moved = tryExtraGivers(model, recipientOf, open, free, extra, random);
    if (moved === undefined) continue;

    const pairs = toPairs(model, recipientOf);
    if (isValidDraw(problem, pairs, relaxedHistory)) {
      return { ok: true, pairs, changedGivers: moved.map((g) => model.ids[g]!), relaxedHistory };
    }
  }
  return redraw(problem, current, random);
}

/**
 * Indexes the problem, allowing past exchanges again (oldest first) until every current pairing is
 * allowed: a draw that was made with relaxed history must not lose its repeats to the repair.
 */
function modelKeepingCurrent(
  problem: DrawProblem,
  current: readonly Pair[],
): { model: ConstraintModel; relaxedHistory: string[] } {
  const avoided = problem.history.slice(0, Math.max(0, problem.rules.avoidPast));
  const relaxedHistory: string[] = [];
  for (let kept = avoided.length; ; kept--) {
    const model = buildModel(problem, avoided.slice(0, kept));
    if (kept === 0 || current.every(([g, r]) => allowedIfPresent(model, g, r)))
      return { model, relaxedHistory };
    relaxedHistory.push(avoided[kept - 1]!.label);
  }
}

function allowedIfPresent(model: ConstraintModel, giverId: PersonId, recipientId: PersonId): boolean {
  const g = model.indexOf.get(giverId);
  const r = model.indexOf.get(recipientId);
  return g === undefined || r === undefined || isAllowed(model, g, r);
}

/** Keeps every current assignment still allowed between remaining people; -1 marks a giver to place. */
function keptAssignments(model: ConstraintModel, current: readonly Pair[], change: DrawChange): Int32Array {
  const recipientOf = new Int32Array(model.size).fill(-1);
  const taken = new Uint8Array(model.size);
  const leaving = 'leave' in change ? change.leave : undefined;
  for (const [giverId, recipientId] of current) {
    if (giverId === leaving || recipientId === leaving) continue;
    const g = model.indexOf.get(giverId);
    const r = model.indexOf.get(recipientId);
    if (g === undefined || r === undefined || recipientOf[g] !== -1 || taken[r] === 1) continue;
    if (!isAllowed(model, g, r)) continue;
    recipientOf[g] = r;
    taken[r] = 1;
  }
  return recipientOf;
}

/**
 * Tries groups of `extra` givers in random order; for each, reassigns them and the open givers over
 * the free recipients and their old ones. Leaves `recipientOf` repaired and returns every giver
 * moved, or restores it and returns undefined.
 */
function tryExtraGivers(
  model: ConstraintModel,
  recipientOf: Int32Array,
  open: readonly number[],
  free: readonly number[],
  extra: number,
  random: RandomSource,
): number[] | undefined {
  const isOpen = new Uint8Array(model.size);
  for (const g of open) isOpen[g] = 1;
  const others: number[] = [];
  for (let g = 0; g < model.size; g++) if (isOpen[g] === 0) others.push(g);

  const walks = { left: Math.max(1, Math.floor(LOOP_WALK_STEPS / model.size)) };
  for (const group of candidateGroups(others, extra, random)) {
    const givers = [...open, ...group];
    const oldRecipients = group.map((g) => recipientOf[g]!);
    const recipients = [...free, ...oldRecipients];
    if (assignGroup(model, recipientOf, givers, recipients, group.length, random, walks)) return givers;
    group.forEach((g, i) => (recipientOf[g] = oldRecipients[i]!));
    for (const g of open) recipientOf[g] = -1;
    if (walks.left <= 0) break;
  }
  return undefined;
}

/**
 * Tries the ways of giving `recipients` to `givers` in random order. The last `extraCount` givers
 * must each end with a new recipient, else the group was not needed. Keeps the first valid one.
 */
function assignGroup(
  model: ConstraintModel,
  recipientOf: Int32Array,
  givers: readonly number[],
  recipients: readonly number[],
  extraCount: number,
  random: RandomSource,
  walks: { left: number },
): boolean {
  const firstExtra = givers.length - extraCount;
  const previous = givers.map((g) => recipientOf[g]!);
  const orders = permutations(recipients.length);
  shuffle(orders, random);

  for (const order of orders) {
    let fits = true;
    for (let i = 0; i < givers.length && fits; i++) {
      const r = recipients[order[i]!]!;
      fits = isAllowed(model, givers[i]!, r) && !(i >= firstExtra && r === previous[i]);
    }
    if (!fits) continue;

    givers.forEach((g, i) => (recipientOf[g] = recipients[order[i]!]!));
    if (satisfiesRules(model, recipientOf, givers, walks)) return true;
  }
  return false;
}

/** Checks the rules a local change can break; a loop check spends one of `walks`. */
function satisfiesRules(
  model: ConstraintModel,
  recipientOf: Int32Array,
  moved: readonly number[],
  walks: { left: number },
): boolean {
  if (model.noReciprocal && moved.some((g) => recipientOf[recipientOf[g]!] === g)) return false;
  if (!model.singleLoop) return true;
  if (walks.left <= 0) return false;
  walks.left -= 1;
  let length = 0;
  let current = 0;
  do {
    current = recipientOf[current]!;
    length += 1;
  } while (current !== 0 && current !== -1 && length <= model.size);
  return length === model.size && current === 0;
}

/** Falls back to a fresh draw and reports every giver whose recipient differs from before. */
function redraw(problem: DrawProblem, current: readonly Pair[], random: RandomSource): RepairOutcome {
  const outcome = drawAssignments(problem, random);
  if (!outcome.ok) return outcome;
  const before = new Map<PersonId, PersonId>(current.map(([g, r]) => [g, r]));
  const changedGivers = outcome.pairs.filter(([g, r]) => before.get(g) !== r).map(([g]) => g);
  return { ok: true, pairs: outcome.pairs, changedGivers, relaxedHistory: outcome.relaxedHistory };
}

function toPairs(model: ConstraintModel, recipientOf: Int32Array): Pair[] {
  return Array.from(recipientOf, (r, g) => [model.ids[g]!, model.ids[r]!] as Pair);
}
