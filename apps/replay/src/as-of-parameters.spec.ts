import { ApiError } from '@parity/http-errors';
import { asOfQueryOf } from './as-of-parameters';

const refusal = (query: Record<string, unknown>) => {
  try {
    asOfQueryOf(query);
  } catch (error) {
    // What the services' error filter answers: { statusCode, code, reason }.
    if (error instanceof ApiError) return { statusCode: error.status, code: error.code, reason: error.reason };
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
};

describe('GET /as-of parameters', () => {
  it('a subject, an RFC 3339 time and an axis make the question', () => {
    expect(asOfQueryOf({ sku: 'SKU-1', at: '2026-11-28T11:00:00+01:00', axis: 'recorded' })).toEqual({
      subject: { kind: 'sku', id: 'SKU-1' },
      at: Date.parse('2026-11-28T10:00:00Z'),
      axis: 'recorded',
    });
    expect(asOfQueryOf({ store: 'store/WAW-012', at: '2028-02-29T00:00:00Z' })).toMatchObject({ subject: { kind: 'store', id: 'store/WAW-012' }, axis: 'event' });
  });

  it('a day the calendar does not have is refused, not rolled over into the next month', () => {
    expect(refusal({ sku: 'SKU-1', at: '2026-02-30T00:00:00Z' })).toMatchObject({ statusCode: 400, code: 'invalid-time', reason: expect.stringContaining('2026-02-30T00:00:00Z') });
    expect(refusal({ sku: 'SKU-1', at: '2026-02-29T00:00:00Z' })).toMatchObject({ code: 'invalid-time' });
  });

  it('a time without a time of day or a zone is refused: it names no single instant', () => {
    expect(refusal({ sku: 'SKU-1', at: '2026-12-03' })).toMatchObject({ code: 'invalid-time' });
    expect(refusal({ sku: 'SKU-1', at: '2026-12-03T10:00:00' })).toMatchObject({ code: 'invalid-time' });
    expect(refusal({ sku: 'SKU-1' })).toMatchObject({ code: 'invalid-time' });
  });

  it('a repeated parameter is refused, naming it', () => {
    expect(refusal({ sku: ['a', 'b'], at: '2026-12-03T10:00:00Z' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringMatching(/^sku: give it once/) });
    expect(refusal({ sku: 'a', at: ['2026-12-03T10:00:00Z', '2026-12-04T10:00:00Z'] })).toMatchObject({ code: 'invalid-parameter' });
  });

  it('an unknown parameter is refused, naming it', () => {
    expect(refusal({ sku: 'a', at: '2026-12-03T10:00:00Z', foo: '1' })).toMatchObject({ code: 'unknown-parameter', reason: expect.stringContaining('"foo"') });
  });

  it('no subject, two subjects, or one that no event can hold is refused', () => {
    const at = '2026-12-03T10:00:00Z';
    expect(refusal({ at })).toMatchObject({ code: 'invalid-subject' });
    expect(refusal({ sku: 'a', store: 'b', at })).toMatchObject({ code: 'invalid-subject' });
    expect(refusal({ sku: '\0', at })).toMatchObject({ code: 'unstorable-text', reason: expect.stringContaining('sku: holds U+0000') });
    expect(refusal({ policy: 'RET-\ud800', at })).toMatchObject({ code: 'unstorable-text' });
  });

  it('an axis other than event or recorded is refused', () => {
    expect(refusal({ sku: 'a', at: '2026-12-03T10:00:00Z', axis: 'wall' })).toMatchObject({ code: 'invalid-axis' });
  });
});
