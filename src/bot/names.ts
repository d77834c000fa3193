/**
 * Returns the key under which two spellings of a name count as the same person: trimmed, inner white
 * space collapsed, Unicode NFC and case-folded. "  ANN " and "ann" share a key; "Zoë" typed with a
 * combining diaeresis matches "Zoë" typed as one character.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und').normalize('NFC');
}

/** Returns the name as people should see it: trimmed, inner white space collapsed, NFC. */
export function cleanDisplayName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/**
 * Returns the key that matches one person across the exchanges of a group, for the avoid-repeats
 * rule: the platform user id, or `name:` and the name key for people imported from a CSV file.
 */
export function historyKey(person: { platformUserId: string | null; nameKey: string }): string {
  return person.platformUserId ?? `name:${person.nameKey}`;
}
