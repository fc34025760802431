import { seededRandom } from './random';

describe('seededRandom', () => {
  const draw = (seed: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: 1000 }, () => random.next());
  };

  it('repeats its sequence for a seed and differs between seeds', () => {
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws integers within both bounds, reaching each', () => {
    const random = seededRandom(3);
    const values = new Set(Array.from({ length: 1000 }, () => random.int(1, 3)));
    expect(values).toEqual(new Set([1, 2, 3]));
  });

  it('picks by weight', () => {
    const random = seededRandom(4);
    const picks = Array.from({ length: 10_000 }, () => random.weighted({ often: 9, rarely: 1 }));
    const rarely = picks.filter((pick) => pick === 'rarely').length / picks.length;
    expect(rarely).toBeGreaterThan(0.08);
    expect(rarely).toBeLessThan(0.12);
  });
});
