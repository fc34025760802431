import { fromMinorUnits, toMinorUnits } from './money';

describe('money', () => {
  it('reads decimal strings exactly, without binary rounding', () => {
    expect(toMinorUnits('129.99')).toBe(1299900n);
    expect(toMinorUnits('0.1') + toMinorUnits('0.2')).toBe(toMinorUnits('0.3'));
    expect(toMinorUnits('7')).toBe(70000n);
    expect(toMinorUnits('0.0001')).toBe(1n);
  });

  it('refuses what is not a contract amount', () => {
    for (const bad of ['1.23456', '-1', '1e3', '01.5', '', '1.', '.5', ' 1']) {
      expect(() => toMinorUnits(bad)).toThrow(RangeError);
    }
  });

  it('writes amounts back in their shortest form', () => {
    expect(fromMinorUnits(1299900n)).toBe('129.99');
    expect(fromMinorUnits(70000n)).toBe('7');
    expect(fromMinorUnits(-15000n)).toBe('-1.5');
  });
});
