import { ApiError } from '@parity/http-errors';
import { decodeCursor, encodeCursor, findingIdOf, listQueryOf } from './finding-query';

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
    expect(listQueryOf({}, NOW).filter.statuses).toBeUndefined();
    // RFC 3339 allows a leap second, which Date.parse refuses: read as the next minute's first.
    expect(listQueryOf({ impactTo: '2026-12-31T23:59:60Z' }, NOW).filter).toMatchObject({ impactTo: Date.parse('2027-01-01T00:00:00Z') });
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

  it('refuses an edited cursor whatever part was edited, before it reaches the database', () => {
    const edited = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const id = 'a'.repeat(32);
    const forged = [
      ['severity', 1, '\u0000'],
      ['severity', 1, 'A'.repeat(32)],
      ['severity', 1e308, id],
      ['severity', -1, id],
      ['severity', 4, id],
      ['severity', '1', id],
      ['impactAt', '+275760-09-13T00:00:00.000Z', id],
      ['impactAt', '0000-01-01T00:00:00.000Z', id],
      ['impactAt', '2026-02-30T00:00:00.000Z', id],
      ['impactAt', '2026-11-20T12:00:00.000+01:00', id],
      ['impactAt', '2026-11-20T12:00:00.000Z\u0000', id],
      ['impactAt', 1, id],
    ];
    for (const parts of forged) {
      const sort = String(parts[0]);
      expect([parts, refusal({ sort, cursor: edited(parts) })?.code]).toEqual([parts, 'invalid-cursor']);
    }
    expect(decodeCursor(edited(['-impactAt', '2026-11-20T12:00:00.000Z', id]))).toEqual({ sort: '-impactAt', key: '2026-11-20T12:00:00.000Z', id });
    expect(decodeCursor(edited(['severity', 3, id]))).toEqual({ sort: 'severity', key: 3, id });
  });

  it('reads a finding id in either case as the stored lower-case id, and refuses anything else', () => {
    expect(findingIdOf('ABCDEF0123456789abcdef0123456789')).toBe('abcdef0123456789abcdef0123456789');
    expect(findingIdOf('f'.repeat(32))).toBe('f'.repeat(32));
    for (const text of ['g'.repeat(32), 'f'.repeat(31), 'f'.repeat(33), "1' OR 1=1", '\u0000'.repeat(32)]) {
      expect(() => findingIdOf(text)).toThrow(expect.objectContaining({ status: 400, code: 'invalid-finding-id' }));
    }
  });

  it('leaves resolved findings out of "now" and "upcoming", a dead end neither, unless status asks for them', () => {
    expect(listQueryOf({ when: 'upcoming' }, NOW).filter.statuses).toEqual(['open', 'acknowledged', 'suppressed']);
    expect(listQueryOf({ when: 'now' }, NOW).filter.statuses).toEqual(['open', 'acknowledged', 'suppressed']);
    expect(listQueryOf({ when: 'upcoming', status: 'resolved' }, NOW).filter.statuses).toEqual(['resolved']);
  });
});
