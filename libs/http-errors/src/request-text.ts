import { unstorableCharacter } from '@parity/contracts';
import { badRequest } from './api-error';

/**
 * Text from a request (a query parameter, a path segment, a field) that goes into a query or a
 * row, or 400 `unstorable-text` naming where it came from: U+0000 or an unpaired surrogate would
 * fail in PostgreSQL as a 500, and nothing in the log can hold them.
 */
export function storableText(name: string, text: string): string {
  const character = unstorableCharacter(text);
  if (character === undefined) return text;
  const what = character === 'nul' ? 'U+0000 (NUL, %00 in a URL)' : 'an unpaired surrogate (\\ud800-\\udfff)';
  throw badRequest('unstorable-text', `${name}: holds ${what}, which cannot be stored or looked up`);
}

/**
 * A route's query parameters, each given at most once, as storable text, or 400: a parameter the
 * route does not take is refused (`unknown-parameter`) rather than ignored, since a typo must not
 * widen a query silently; one given twice (`a=1&a=2` arrives as an array) is `invalid-parameter`.
 */
export function queryParameters<Name extends string>(query: Readonly<Record<string, unknown>>, names: readonly Name[]): Partial<Record<Name, string>> {
  for (const given of Object.keys(query)) {
    if (!(names as readonly string[]).includes(given)) {
      const takes = names.length > 0 ? `it takes ${names.join(', ')}` : 'it takes none';
      throw badRequest('unknown-parameter', `"${given}" is not a parameter of this route; ${takes}`);
    }
  }
  const values: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badRequest('invalid-parameter', `${name}: give it once, as text, got ${JSON.stringify(value).slice(0, 100)}`);
    values[name] = storableText(name, value);
  }
  return values;
}
