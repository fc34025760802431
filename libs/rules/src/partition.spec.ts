import { partitionOf } from './partition';

describe('partitionOf', () => {
  it('is stable and spreads keys over every partition', () => {
    expect(partitionOf('sku:SKU-00001', 12)).toBe(partitionOf('sku:SKU-00001', 12));
    const counts = new Array<number>(12).fill(0);
    for (let n = 0; n < 12_000; n += 1) counts[partitionOf(`sku:SKU-${n}`, 12)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});
