import { ApiError } from '../api/api-error';
import { compare, parsePosition, positionId } from './stream-position';

describe('stream positions', () => {
  it('round-trip as SSE ids and order by transaction, then seq', () => {
    const position = { tx: 18446744073709551615n, seq: 42n };
    expect(parsePosition(positionId(position))).toEqual(position);
    expect(compare({ tx: 5n, seq: 100n }, { tx: 6n, seq: 1n })).toBe(-1);
    expect(compare({ tx: 6n, seq: 2n }, { tx: 6n, seq: 1n })).toBe(1);
    expect(compare({ tx: 6n, seq: 1n }, { tx: 6n, seq: 1n })).toBe(0);
  });

  it('refuses an id the stream never sent', () => {
    for (const bad of ['', '42', 'a.b', '1.2.3', '-1.2']) {
      expect(() => parsePosition(bad)).toThrow(ApiError);
    }
  });
});
