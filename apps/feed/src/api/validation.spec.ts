import { Type } from '@sinclair/typebox';
import { ApiError } from '@parity/http-errors';
import { validated } from './validation';

const Query = Type.Object({ sku: Type.Optional(Type.String({ pattern: '^[^,\\s]{1,200}$' })) }, { additionalProperties: false });
const Body = Type.Object({ reason: Type.String() }, { additionalProperties: false });
const Window = Type.Object({ from: Type.String({ format: 'date-time', description: 'an RFC 3339 time' }) }, { additionalProperties: false });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code, reason: error.reason };
    throw error;
  }
  return undefined;
};

describe('request validation', () => {
  it('refuses a query parameter holding text PostgreSQL cannot take, naming it, instead of failing the query', () => {
    expect(refusal(() => validated(Query, { sku: 'SKU\u00001' }, 'query'))).toEqual({ status: 400, code: 'unstorable-text', reason: expect.stringMatching(/^sku: holds U\+0000/) });
    expect(refusal(() => validated(Query, { sku: '\u0000' }, 'query'))).toMatchObject({ code: 'unstorable-text' });
    expect(refusal(() => validated(Query, { sku: 'SKU-\ud800' }, 'query'))).toMatchObject({ code: 'unstorable-text', reason: expect.stringContaining('unpaired surrogate') });
    expect(validated(Query, { sku: 'SKU-\ud83d\ude00' }, 'query')).toEqual({ sku: 'SKU-\ud83d\ude00' });
  });

  it('says a body that is JSON but no object must be an object', () => {
    expect(refusal(() => validated(Body, null, 'body'))).toEqual({ status: 400, code: 'invalid-body', reason: 'the body must be a JSON object, got null' });
    expect(refusal(() => validated(Body, [{ reason: 'x' }], 'body'))).toMatchObject({ code: 'invalid-body', reason: expect.stringContaining('must be a JSON object') });
    expect(refusal(() => validated(Body, { reason: 3 }, 'body'))).toMatchObject({ code: 'invalid-field', reason: expect.stringMatching(/^reason: /) });
  });

  it('leaves a body to the action that reads it', () => {
    expect(validated(Body, { reason: 'kno\u0000wn' }, 'body')).toEqual({ reason: 'kno\u0000wn' });
  });

  it('accepts only times PostgreSQL can hold: UTC years 0001 to 9999', () => {
    expect(refusal(() => validated(Window, { from: '0000-01-01T00:00:00Z' }, 'query'))).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('from: expected an RFC 3339 time') });
    expect(refusal(() => validated(Window, { from: '0001-01-01T00:00:00+01:00' }, 'query'))).toMatchObject({ code: 'invalid-parameter' });
    expect(refusal(() => validated(Window, { from: '9999-12-31T23:00:00-01:00' }, 'query'))).toMatchObject({ code: 'invalid-parameter' });
    expect(validated(Window, { from: '0001-01-01T00:00:00Z' }, 'query')).toEqual({ from: '0001-01-01T00:00:00Z' });
    expect(validated(Window, { from: '9999-12-31T23:59:59.999Z' }, 'query')).toEqual({ from: '9999-12-31T23:59:59.999Z' });
  });
});
