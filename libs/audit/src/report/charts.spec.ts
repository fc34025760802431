import { bucketsOver, seriesOf, stackedBarsSvg } from './charts';

const DAY = 86_400_000;
const NOV_1 = Date.UTC(2026, 10, 1);

describe('charts', () => {
  it('a month is shown by day, an hour by minutes', () => {
    expect(bucketsOver(NOV_1, NOV_1 + 29 * DAY)).toMatchObject({ sizeMs: DAY });
    expect(bucketsOver(NOV_1, NOV_1 + 29 * DAY).starts).toHaveLength(30);
    expect(bucketsOver(NOV_1, NOV_1 + 20 * 60_000).sizeMs).toBe(60_000);
  });

  it('counts points per bucket and label', () => {
    const buckets = bucketsOver(NOV_1, NOV_1 + 2 * DAY);
    expect(buckets).toMatchObject({ sizeMs: 6 * 3_600_000 });
    const series = seriesOf([{ at: NOV_1 + 1, label: 'b' }, { at: NOV_1 + 2, label: 'a' }, { at: NOV_1 + DAY + 5, label: 'a' }, { at: NOV_1 - 1, label: 'a' }], buckets);
    expect(series).toEqual([
      { label: 'a', counts: [1, 0, 0, 0, 1, 0, 0, 0, 0] },
      { label: 'b', counts: [1, 0, 0, 0, 0, 0, 0, 0, 0] },
    ]);
  });

  it('draws one rect per non-empty stack segment, labels escaped', () => {
    const buckets = bucketsOver(NOV_1, NOV_1 + 2 * DAY);
    const svg = stackedBarsSvg('By <rule>', buckets, [{ label: 'a&b', counts: [1, 2, 0] }, { label: 'c', counts: [0, 1, 0] }]);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).toContain('By &lt;rule&gt;');
    expect(svg).toContain('a&amp;b (3)');
  });
});
