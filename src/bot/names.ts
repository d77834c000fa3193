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
