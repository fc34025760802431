import { ApiError } from './api-error';
import { strictQueryEncoding } from './query-encoding';

/** What the middleware passes on: nothing (the request goes on) or the refusal's status, code and reason. */
function passed(url: string): unknown {
  let result: unknown = 'not called';
  strictQueryEncoding({ url }, undefined, (error?: unknown) => {
    result = error instanceof ApiError ? { status: error.status, code: error.code, reason: error.reason } : error;
  });
  return result;
}

describe('strictQueryEncoding: a query string is percent-encoded UTF-8 or refused with 400', () => {
  it('lets well-encoded queries, and requests without one, through', () => {
    expect(passed('/api/findings')).toBeUndefined();
    expect(passed('/api/findings?')).toBeUndefined();
    expect(passed('/api/findings?sku=SKU-1&channel=store%2FWAW-012&q=a+b&flag&&x=')).toBeUndefined();
    expect(passed('/as-of?sku=%C5%BC%C3%B3%C5%82w&at=2026-11-28T10:00:00Z')).toBeUndefined();
    // U+0000 is valid UTF-8: the route refuses it as unstorable text, by name.
    expect(passed('/api/findings?sku=%00')).toBeUndefined();
  });

  it('refuses an encoded surrogate, a cut escape or a bare %, naming the parameter', () => {
    expect(passed('/api/findings?sku=%ED%A0%80')).toEqual({
      status: 400,
      code: 'invalid-query-encoding',
      reason: 'sku: "sku=%ED%A0%80" is not percent-encoded UTF-8; send text as UTF-8, escape % as %25',
    });
    expect(passed('/alerts/notifications?status=open&receiver=%E0%A4%A')).toMatchObject({ code: 'invalid-query-encoding', reason: expect.stringMatching(/^receiver: /) });
    expect(passed('/api/findings?q=100%')).toMatchObject({ code: 'invalid-query-encoding', reason: expect.stringMatching(/^q: /) });
    expect(passed('/api/findings?%FF=1')).toMatchObject({ code: 'invalid-query-encoding', reason: expect.stringMatching(/^%FF: /) });
  });
});
