import { ReplayRecord } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG, partitionOf } from '@parity/rules';
import { ChangeRow, ReplayRun } from './replay-run';

const CHANNELS = ['eshop', 'app', 'contact-center', 'store/WAW-001'];
const START = Date.UTC(2026, 10, 1);

/** Channels restating 40 SKUs, prices drifting apart now and then, a sale scheduled, stock beside them. */
function log(count: number): ReplayRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const position = i + 1;
    const sku = `SKU-${position % 40}`;
    const source = CHANNELS[Math.floor(position / 40) % CHANNELS.length]!;
    const base = { position, source, id: `e-${position}`, eventTime: START + position * 60_000, recordedAt: START + position * 60_000 + 5 };
    if (position % 5 === 0) return { ...base, type: 'retail.stock.level.v1', dataJson: JSON.stringify({ sku, location: 'store/WAW-001', available: position % 9 }) };
    const sale = position % 17 === 0 ? { effectiveFrom: '2026-11-27T00:00:00Z', effectiveTo: '2026-11-30T00:00:00Z' } : {};
    const amount = position % 7 === 0 ? '105.00' : '100.00';
    return { ...base, type: 'retail.price.set.v1', dataJson: JSON.stringify({ sku, amount, currency: 'PLN', ...sale }) };
  });
}

const byPosition = (rows: ChangeRow[]) =>
  [...rows].sort((a, b) => a.logPosition - b.logPosition || (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : a.version - b.version));

describe('ReplayRun', () => {
  const records = log(3000);
  const whole = new ReplayRun(DEFAULT_RULES_CONFIG).feed(records);

  it('finds something to compare in this log', () => {
    expect(whole.length).toBeGreaterThan(50);
    expect(new Set(whole.map((row) => row.change))).toEqual(new Set(['opened', 'updated', 'resolved']));
  });

  it('gives the same rows whatever the batches it is fed in', () => {
    const run = new ReplayRun(DEFAULT_RULES_CONFIG);
    const rows: ChangeRow[] = [];
    for (let from = 0; from < records.length; from += 7) rows.push(...run.feed(records.slice(from, from + 7)));
    expect(rows).toEqual(whole);
  });

  it.each([2, 3])('split by key over %i runs, gives the rows of one run, every one', (partitions) => {
    const rows: ChangeRow[] = [];
    for (let partition = 0; partition < partitions; partition += 1) {
      const run = new ReplayRun(DEFAULT_RULES_CONFIG, (key) => partitionOf(key, partitions) === partition);
      const own = run.feed(records);
      expect(own.length).toBeGreaterThan(0);
      rows.push(...own);
      expect(run.replayed).toBe(records.length);
    }
    expect(byPosition(rows)).toEqual(byPosition(whole));
  });
});
