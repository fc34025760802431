import { ApiError } from './api-error';
import { queryParameters, storableText } from './request-text';

/** What a refusal answers: status, code and reason; undefined when nothing was refused. */
function refusal(read: () => unknown): { status: number; code: string; reason: string } | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, code: error.code, reason: error.reason };
  }
}

describe('storableText', () => {
  it('passes text PostgreSQL can hold, emoji and all', () => {
    expect(storableText('sku', 'SKU-1 \ud83d\ude00')).toBe('SKU-1 \ud83d\ude00');
  });

  it('refuses U+0000 and an unpaired surrogate with 400 unstorable-text, naming where it came from', () => {
    expect(refusal(() => storableText('sku', 'SKU\u00001'))).toEqual({ status: 400, code: 'unstorable-text', reason: 'sku: holds U+0000 (NUL, %00 in a URL), which cannot be stored or looked up' });
    expect(refusal(() => storableText('comment', 'x \udc00'))).toEqual({ status: 400, code: 'unstorable-text', reason: 'comment: holds an unpaired surrogate (\\ud800-\\udfff), which cannot be stored or looked up' });
  });
});

describe('queryParameters', () => {
  it('returns the parameters given, leaving out the ones not given', () => {
    expect(queryParameters({ status: 'parked' }, ['status', 'limit'])).toEqual({ status: 'parked' });
  });

  it('refuses a parameter the route does not take, naming the ones it does', () => {
    expect(refusal(() => queryParameters({ stauts: 'parked' }, ['status', 'limit']))).toEqual({ status: 400, code: 'unknown-parameter', reason: '"stauts" is not a parameter of this route; it takes status, limit' });
    expect(refusal(() => queryParameters({ x: '1' }, []))).toMatchObject({ code: 'unknown-parameter', reason: expect.stringContaining('it takes none') });
  });

  it('refuses a parameter given twice, and text PostgreSQL cannot hold', () => {
    expect(refusal(() => queryParameters({ limit: ['1', '2'] }, ['limit']))).toEqual({ status: 400, code: 'invalid-parameter', reason: 'limit: give it once, as text, got ["1","2"]' });
    expect(refusal(() => queryParameters({ receiver: 'a\u0000b' }, ['receiver']))).toMatchObject({ code: 'unstorable-text', reason: expect.stringMatching(/^receiver: holds U\+0000/) });
  });
});
