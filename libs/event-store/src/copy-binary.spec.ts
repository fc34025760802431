import { BinaryCopyRows } from './copy-binary';

const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

describe('BinaryCopyRows', () => {
  it('writes the signature, each field with its length, NULL as -1, and the trailer', () => {
    const bytes = new BinaryCopyRows(16).row(3).text('zł').null().int4(-2).end();
    expect(bytes.subarray(0, 19)).toEqual(HEADER);
    const body = bytes.subarray(19);
    expect(body.readInt16BE(0)).toBe(3);
    expect(body.readInt32BE(2)).toBe(3); // 'zł' is three UTF-8 bytes
    expect(body.subarray(6, 9).toString('utf8')).toBe('zł');
    expect(body.readInt32BE(9)).toBe(-1);
    expect(body.readInt32BE(13)).toBe(4);
    expect(body.readInt32BE(17)).toBe(-2);
    expect(body.readInt16BE(21)).toBe(-1);
    expect(body.length).toBe(23);
  });

  it('writes bigints exactly across the 32-bit boundary, negative ones in two\'s complement', () => {
    for (const value of [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -1, -(2 ** 32) - 5, -(2 ** 53) + 1]) {
      const bytes = new BinaryCopyRows().row(1).int8(value).end();
      expect(bytes.readInt32BE(21)).toBe(8);
      expect(bytes.readBigInt64BE(25)).toBe(BigInt(value));
    }
    expect(() => new BinaryCopyRows().row(1).int8(2 ** 53)).toThrow(RangeError);
  });

  it('writes times as microseconds since 2000-01-01 UTC', () => {
    const at = (ms: number) => new BinaryCopyRows().row(1).timestamptz(ms).end().readBigInt64BE(25);
    expect(at(Date.UTC(2000, 0, 1))).toBe(0n);
    expect(at(Date.UTC(2026, 10, 27, 0, 0, 0, 123))).toBe(BigInt(Date.UTC(2026, 10, 27, 0, 0, 0, 123) - Date.UTC(2000, 0, 1)) * 1000n);
    expect(at(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).toBe(-1000n);
  });

  it('writes every RFC 3339 time exactly, years 0 to 9999, though most are past a safe integer of microseconds', () => {
    const at = (ms: number) => new BinaryCopyRows().row(1).timestamptz(ms).end().readBigInt64BE(25);
    for (const time of ['0000-01-01T00:00:00.000Z', '0001-01-01T00:00:00.001Z', '1700-01-01T00:00:00.000Z', '2300-06-30T12:00:00.500Z', '9999-12-31T23:59:59.999Z']) {
      const ms = Date.parse(time);
      expect(at(ms)).toBe(BigInt(ms - Date.UTC(2000, 0, 1)) * 1000n);
    }
    expect(() => new BinaryCopyRows().row(1).timestamptz(1.5)).toThrow(RangeError);
  });

  it('grows past its first guess and keeps what was written', () => {
    const rows = new BinaryCopyRows(64);
    const long = 'x'.repeat(10_000);
    for (let n = 0; n < 5; n += 1) rows.row(2).text(long).bytea(Buffer.alloc(32, n));
    const bytes = rows.end();
    expect(rows.count).toBe(5);
    expect(bytes.length).toBe(19 + 5 * (2 + 4 + 10_000 + 4 + 32) + 2);
    expect(bytes[bytes.length - 3]).toBe(4); // the last row's hash bytes
  });
});
