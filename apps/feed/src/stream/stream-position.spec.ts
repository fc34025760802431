import { ApiError } from '@parity/http-errors';
import { parsePosition, positionId } from './stream-position';

describe('stream positions', () => {
  it('round-trip as SSE ids', () => {
    expect(parsePosition(positionId(9223372036854775807n))).toBe(9223372036854775807n);
    expect(parsePosition(' 42 ')).toBe(42n);
  });

  it('refuses an id the stream never sent', () => {
    for (const bad of ['', 'abc', '1.2', '-1', '12345678901234567890']) {
      expect(() => parsePosition(bad)).toThrow(ApiError);
    }
  });
});
