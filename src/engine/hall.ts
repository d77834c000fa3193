import { forEachForbidden, type ConstraintModel } from './constraints.js';

/**
 * Shrinks a Hall violator (givers who between them may draw fewer recipients than they are) by
 * dropping givers one at a time while the rest still violate, so no single giver can go.
 *
 * The recipients a group may draw are everyone but those forbidden to all of them, so the group
 * violates when more than size - |group| recipients are forbidden to every member. `count[r]` is
 * how many members forbid r and `histogram[c]` how many recipients have count c, so dropping a giver
 * costs only their own forbidden list. Givers with the fewest forbidden recipients go first, as they
 * are the least likely to be needed.
 *
 * Returns the recipients the shrunken group may draw and every giver confined to them, so that
 * the givers named include all who compete for those few recipients.
 */
export function shrinkViolator(
  model: ConstraintModel,
  group: readonly number[],
): { givers: number[]; recipients: number[] } {
  const { size } = model;
  const count = new Int32Array(size);
  const histogram = new Int32Array(group.length + 1);
  histogram[0] = size;
  const forbiddenOf = group.map((g) => {
    const list: number[] = [];
    forEachForbidden(model, g, (r) => list.push(r));
    return list;
  });
  for (const list of forbiddenOf) {
    for (const r of list) {
      histogram[count[r]!]! -= 1;
      count[r]! += 1;
      histogram[count[r]!]! += 1;
    }
  }

  const members = group.map((g, index) => ({ g, forbidden: forbiddenOf[index]! }));
  members.sort((a, b) => a.forbidden.length - b.forbidden.length);
  const kept = new Set(members.map((m) => m.g));
  let groupSize = kept.size;

  for (const member of members) {
    if (groupSize <= 1) break;
    // Recipients forbidden to all but this member; they stay forbidden to all once it is dropped.
    let forbiddenByRest = histogram[groupSize]! + histogram[groupSize - 1]!;
    for (const r of member.forbidden) if (count[r] === groupSize - 1) forbiddenByRest -= 1;
    if (forbiddenByRest <= size - (groupSize - 1)) continue;

    for (const r of member.forbidden) {
      histogram[count[r]!]! -= 1;
      count[r]! -= 1;
      histogram[count[r]!]! += 1;
    }
    kept.delete(member.g);
    groupSize -= 1;
  }

  const recipients: number[] = [];
  for (let r = 0; r < size; r++) if (count[r]! < groupSize) recipients.push(r);
  return { givers: giversConfinedTo(model, recipients), recipients };
}

/**
 * Lists every giver who may draw only people in `recipients`. After shrinking, this names all who
 * compete for those few people ("Ann, Bo and Cy can only give to Dee"), not just enough of them.
 */
function giversConfinedTo(model: ConstraintModel, recipients: readonly number[]): number[] {
  const inside = new Uint8Array(model.size);
  for (const r of recipients) inside[r] = 1;
  const outside = model.size - recipients.length;

  const givers: number[] = [];
  for (let g = 0; g < model.size; g++) {
    let forbiddenOutside = 0;
    forEachForbidden(model, g, (r) => {
      if (inside[r] === 0) forbiddenOutside += 1;
    });
    if (forbiddenOutside === outside) givers.push(g);
  }
  return givers;
}

/** Returns the same constraints seen from the recipients' side: r "gives" to g when g may draw r. */
export function transposeModel(model: ConstraintModel): ConstraintModel {
  const { size, forbidStart, forbidTargets } = model;
  const start = new Int32Array(size + 1);
  for (let i = 0; i < forbidTargets.length; i++) start[forbidTargets[i]! + 1]! += 1;
  for (let r = 0; r < size; r++) start[r + 1]! += start[r]!;

  // Givers are visited in increasing order, so each recipient's list comes out sorted.
  const cursor = start.slice(0, size);
  const targets = new Int32Array(forbidTargets.length);
  for (let g = 0; g < size; g++) {
    for (let i = forbidStart[g]!; i < forbidStart[g + 1]!; i++) targets[cursor[forbidTargets[i]!]!++] = g;
  }
  return { ...model, forbidStart: start, forbidTargets: targets };
}
