// The last few key lists seen and their sorted order: detections of a rule list the same
// parameters in the same order, so sorting them once per rule is enough.
const known: { readonly keys: readonly string[]; readonly sorted: readonly string[] }[] = [];
const KNOWN = 8;

/** Object.keys(record), sorted by code unit as Array#sort sorts strings. */
export function sortedKeys(record: object): readonly string[] {
  for (const entry of known) if (hasKeys(record, entry.keys)) return entry.sorted;
  const keys = Object.keys(record);
  const sorted = [...keys].sort();
  if (known.length >= KNOWN) known.shift();
  known.push({ keys, sorted });
  return sorted;
}

/** The record's own keys are these, in this order (compared without listing them). */
export function hasKeys(record: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key) || key !== keys[i]) return false;
    i += 1;
  }
  return i === keys.length;
}
