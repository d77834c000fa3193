/** Names Windows reserves for devices, which no file may take whatever its extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/u;
const MAX_STEM_LENGTH = 60;

/**
 * Returns a file name stem for a person's display name: lower case, letters and digits of any script
 * kept, everything else collapsed to single dashes. "Ann" gives `ann`, "Anne-Marie O'Neil" gives
 * `anne-marie-o-neil`. A name with no letter or digit left gives `giver`.
 */
export function fileStemOf(name: string): string {
  const stem = [
    ...name
      .normalize('NFC')
      .toLocaleLowerCase('und')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/gu, ''),
  ]
    .slice(0, MAX_STEM_LENGTH)
    .join('')
    .replace(/-+$/u, '');

  if (stem === '') return 'giver';
  return RESERVED.test(stem) ? `${stem}-giver` : stem;
}

/** Returns the candidate file names for a stem, in order: `ann.txt`, `ann-2.txt`, `ann-3.txt`, … */
export function* candidateFileNames(stem: string): Generator<string> {
  yield `${stem}.txt`;
  for (let suffix = 2; ; suffix++) yield `${stem}-${suffix}.txt`;
}
