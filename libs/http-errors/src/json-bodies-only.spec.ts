import { ApiError } from './api-error';
import { jsonBodiesOnly } from './json-bodies-only';

/** What the middleware passes on: nothing (the request goes on) or the refusal's status, code and reason. */
function passed(headers: Record<string, string>): unknown {
  let result: unknown = 'not called';
  jsonBodiesOnly({ headers }, undefined, (error?: unknown) => {
    result = error instanceof ApiError ? { status: error.status, code: error.code, reason: error.reason } : error;
  });
  return result;
}

describe('jsonBodiesOnly: a body is JSON or refused with 415', () => {
  it('lets JSON bodies and requests without a body through', () => {
    expect(passed({ 'content-length': '2', 'content-type': 'application/json' })).toBeUndefined();
    expect(passed({ 'content-length': '2', 'content-type': 'application/merge-patch+json; charset=utf-8' })).toBeUndefined();
    expect(passed({})).toBeUndefined();
    expect(passed({ 'content-length': '0', 'content-type': 'text/plain' })).toBeUndefined();
  });

  it('refuses a body in another format, or without a content type, naming what it got', () => {
    expect(passed({ 'content-length': '11', 'content-type': 'text/plain' })).toEqual({ status: 415, code: 'unsupported-media-type', reason: 'send the body as application/json, not text/plain' });
    expect(passed({ 'transfer-encoding': 'chunked', 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415 });
    expect(passed({ 'content-length': '11' })).toMatchObject({ status: 415, reason: 'send the body as application/json, not without a content type' });
  });
});
