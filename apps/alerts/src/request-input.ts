import { unstorableCharacter } from '@parity/contracts';
import { badRequest } from '@parity/http-errors';

/**
 * A route's query parameters, each given at most once, as text PostgreSQL can hold. A parameter
 * the route does not take is refused rather than ignored: a typo must not widen a query silently.
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
    if (typeof value !== 'string') throw badRequest('invalid-query', `${name}: give it once, as text`);
    values[name] = storableText(name, value);
  }
  return values;
}

/** Text that goes into a query or a row: a NUL or a lone surrogate would fail in PostgreSQL as a 500. */
export function storableText(what: string, text: string): string {
  if (unstorableCharacter(text)) throw badRequest('unstorable-text', `${what} holds U+0000 or an unpaired surrogate (\\ud800-\\udfff), which cannot be stored or looked up`);
  return text;
}
