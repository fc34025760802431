/**
 * Text PostgreSQL cannot hold: U+0000 has no place in its text types, and a lone UTF-16 surrogate
 * (a JSON escape such as \ud800 without its pair) is no Unicode text at all. Either in an event
 * fails the log's append or its indexes over the data; in an attribute a surrogate would be stored
 * altered, breaking the hash chain. undefined when the text can be stored as it is.
 */
export function unstorableCharacter(text: string): 'nul' | 'lone-surrogate' | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\0')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'lone-surrogate' : undefined;
}

// Any NUL or surrogate code unit, paired or not: cheap, and false for nearly every string.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
// With the u flag a pair is one code point: this matches only a surrogate without its pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
