import { ApiError } from '@parity/http-errors';
import { decodeCursor, encodeCursor, listQueryOf } from './finding-query';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const refusal = (query: Record<string, string>) => {
  try {
    listQueryOf(query, NOW);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code, reason: error.reason };
    throw error;
  }
  return undefined;
};

describe('finding list parameters', () => {
  it('reads lists, a time window and "upcoming" as filters, with defaults for sort and page size', () => {
    const query = listQueryOf({ status: 'open,acknowledged', rule: 'price-mismatch', store: 'WAW-012,KRK-001', when: 'upcoming', impactTo: '2026-12-01T00:00:00Z' }, NOW);
    expect(query).toEqual({
      filter: expect.objectContaining({ statuses: ['open', 'acknowledged'], rules: ['price-mismatch'], stores: ['WAW-012', 'KRK-001'], impactFrom: NOW + 1, impactTo: Date.parse('2026-12-01T00:00:00Z') }),
      sort: 'impactAt',
      limit: 50,
      cursor: undefined,
    });
    expect(listQueryOf({ when: 'now' }, NOW).filter).toMatchObject({ impactFrom: undefined, impactTo: NOW + 1 });
  });

  it('refuses each kind of bad parameter with a code naming it', () => {
    expect(refusal({ status: 'broken' })).toMatchObject({ status: 400, code: 'invalid-parameter', reason: expect.stringMatching(/^status: expected comma-separated: open/) });
    expect(refusal({ severity: 'high,' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('severity') });
    expect(refusal({ when: 'later' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('now (impactAt has passed') });
    expect(refusal({ sort: 'price' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('-impactAt') });
    expect(refusal({ impactFrom: 'yesterday' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('impactFrom') });
    expect(refusal({ impactFrom: '2026-12-02T00:00:00Z', impactTo: '2026-12-01T00:00:00Z' })).toMatchObject({ code: 'invalid-range' });
    expect(refusal({ limit: '0' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('between 1 and 200') });
    expect(refusal({ limit: 'ten' })).toMatchObject({ code: 'invalid-parameter' });
    expect(refusal({ color: 'red' })).toMatchObject({ code: 'unknown-parameter', reason: expect.stringContaining('"color"') });
    expect(refusal({ cursor: 'bm9wZQ' })).toMatchObject({ code: 'invalid-cursor' });
    expect(refusal({ store: 'store/WAW-012' })).toMatchObject({ code: 'invalid-parameter', reason: expect.stringContaining('store') });
  });

  it('round-trips a cursor and refuses one made for another sort', () => {
    const cursor = { sort: '-severity' as const, key: 2, id: 'f'.repeat(32) };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(refusal({ sort: 'impactAt', cursor: encodeCursor(cursor) })).toMatchObject({ code: 'invalid-cursor', reason: expect.stringContaining('sort=-severity') });
    expect(refusal({ sort: 'impactAt', cursor: encodeCursor({ sort: 'impactAt', key: 'not a time', id: 'x' }) })).toMatchObject({ code: 'invalid-cursor' });
  });
});
