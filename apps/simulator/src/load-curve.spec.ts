import { diurnalMultiplier, loadMultiplier } from './load-curve';

describe('load curve', () => {
  it('is quiet at night and busy at lunch and in the evening', () => {
    expect(diurnalMultiplier(3)).toBeLessThan(0.3);
    expect(diurnalMultiplier(12)).toBeGreaterThan(1.4);
    expect(diurnalMultiplier(3)).toBeLessThan(diurnalMultiplier(12));
    expect(diurnalMultiplier(19)).toBeGreaterThan(diurnalMultiplier(16));
    expect(diurnalMultiplier(12)).toBeGreaterThan(diurnalMultiplier(9));
  });

  it('averages 1 over the day, so the configured rate is the daily mean', () => {
    const hours = Array.from({ length: 24 * 12 }, (_, step) => step / 12);
    const mean = hours.reduce((sum, hour) => sum + diurnalMultiplier(hour), 0) / hours.length;
    expect(mean).toBeCloseTo(1, 2);
  });

  it('runs smoothly through midnight', () => {
    expect(Math.abs(diurnalMultiplier(23.99) - diurnalMultiplier(0))).toBeLessThan(0.01);
    expect(diurnalMultiplier(24)).toBe(diurnalMultiplier(0));
  });

  it('multiplies the load in black-friday mode', () => {
    expect(loadMultiplier(12, 'black-friday')).toBeCloseTo(4 * loadMultiplier(12, 'normal'));
  });
});
