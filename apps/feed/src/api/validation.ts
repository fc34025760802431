import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { TSchema, Static } from '@sinclair/typebox';
import { parseRfc3339 } from '@parity/contracts';
import { badRequest } from '@parity/http-errors';

const ajv = new Ajv({ allErrors: false, strict: true, verbose: true });
ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseRfc3339(value) !== undefined });

const compiled = new WeakMap<TSchema, ValidateFunction>();

/**
 * Checks a query or a body against its schema (the same schema the OpenAPI document shows) and
 * returns it typed, or refuses it with 400, a code and the offending parameter named.
 */
export function validated<T extends TSchema>(schema: T, value: unknown, what: 'query' | 'body'): Static<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return value as Static<T>;
  throw describe(validate.errors?.[0], what);
}

function describe(error: ErrorObject | undefined, what: 'query' | 'body') {
  if (!error) return badRequest(`invalid-${what}`, `the ${what} does not match its schema`);
  const where = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
    return what === 'query'
      ? badRequest('unknown-parameter', `"${extra}" is not a parameter of this route`)
      : badRequest('unknown-field', `"${extra}" is not a field of this body`);
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: string }).missingProperty);
    return badRequest(what === 'query' ? 'missing-parameter' : 'missing-field', `"${missing}" is required`);
  }
  const subject = where || what;
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  const got = JSON.stringify(error.data)?.slice(0, 100) ?? 'nothing';
  // A pattern says little to a person; the schema's description says what is expected.
  const problem = expected && (error.keyword === 'pattern' || error.keyword === 'format' || error.keyword === 'enum') ? `expected ${expected}` : (error.message ?? 'is invalid');
  return badRequest(what === 'query' ? 'invalid-parameter' : 'invalid-field', `${subject}: ${problem}, got ${got}`);
}
