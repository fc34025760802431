import { ReplayRecord } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG, partitionOf } from '@parity/rules';
import { ChangeRow, ReplayRun } from './replay-run';

const CHANNELS = ['eshop', 'app', 'contact-center', 'store/WAW-001'];
const START = Date.UTC(2026, 10, 1);

/**
 * Channels restating 40 SKUs, prices drifting apart now and then, a sale scheduled, stock beside
 * them; recorded in appends of 1 to 5 events (an instant each), as ingest records them.
 */
function log(count: number): ReplayRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const position = i + 1;
    const sku = `SKU-${position % 40}`;
    const source = CHANNELS[Math.floor(position / 40) % CHANNELS.length]!;
    // The subject is optional in the contract: some records come without one.
    const subject = position % 11 === 0 ? undefined : sku;
    const base = { position, source, id: `e-${position}`, subject, eventTime: START + position * 60_000, recordedAt: START + appendOf(position) * 60_000 + 5 };
    if (position % 5 === 0) return { ...base, type: 'retail.stock.level.v1', dataJson: JSON.stringify({ sku, location: 'store/WAW-001', available: position % 9 }) };
    const sale = position % 17 === 0 ? { effectiveFrom: '2026-11-27T00:00:00Z', effectiveTo: '2026-11-30T00:00:00Z' } : {};
    const amount = position % 7 === 0 ? '105.00' : '100.00';
    return { ...base, type: 'retail.price.set.v1', dataJson: JSON.stringify({ sku, amount, currency: 'PLN', ...sale }) };
  });
}

/** Appends of 1, 2, 3, 4, 5 events, over and over: position -> its append's number. */
function appendOf(position: number): number {
  const round = Math.floor((position - 1) / 15);
  const within = (position - 1) % 15;
  return round * 5 + [0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4][within]!;
}

/** The whole stretch through one run: every record, then its end. */
function replayed(run: ReplayRun, records: readonly ReplayRecord[]): ChangeRow[] {
  return [...run.feed(records), ...run.finish()];
}

const byPosition = (rows: ChangeRow[]) =>
  [...rows].sort((a, b) => a.logPosition - b.logPosition || (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : a.version - b.version));

describe('ReplayRun', () => {
  const records = log(3000);
  const whole = replayed(new ReplayRun(DEFAULT_RULES_CONFIG), records);

  it('finds something to compare in this log', () => {
    expect(whole.length).toBeGreaterThan(50);
    expect(new Set(whole.map((row) => row.change))).toEqual(new Set(['opened', 'updated', 'resolved']));
  });

  it('gives the same rows whatever the batches it is fed in', () => {
    const run = new ReplayRun(DEFAULT_RULES_CONFIG);
    const rows: ChangeRow[] = [];
    for (let from = 0; from < records.length; from += 7) rows.push(...run.feed(records.slice(from, from + 7)));
    rows.push(...run.finish());
    expect(rows).toEqual(whole);
  });

  it.each([2, 3])('split by key over %i runs, gives the rows of one run, every one', (partitions) => {
    const rows: ChangeRow[] = [];
    for (let partition = 0; partition < partitions; partition += 1) {
      const run = new ReplayRun(DEFAULT_RULES_CONFIG, (key) => partitionOf(key, partitions) === partition);
      const own = replayed(run, records);
      expect(own.length).toBeGreaterThan(0);
      rows.push(...own);
      expect(run.replayed).toBe(records.length);
    }
    expect(byPosition(rows)).toEqual(byPosition(whole));
  });

  it('judges an instant once it is whole: its rows carry its last position and its recorded time', () => {
    const ends = new Map<number, number>();
    for (const record of records) ends.set(record.recordedAt, record.position);
    expect(ends.size).toBe(records.length / 3);
    for (const row of whole) {
      const time = Date.parse((JSON.parse(row.cloudEvent) as { time: string }).time);
      expect(row.logPosition).toBe(ends.get(time));
    }
  });

  it('passes by the records of keys it does not own without parsing their data, yet keeps their clock', () => {
    const owns = (key: string) => partitionOf(key, 2) === partitionOf('sku:SKU-1', 2);
    const foreign = Array.from({ length: 40 }, (_, i) => `SKU-${i}`).find((sku) => !owns(`sku:${sku}`))!;
    const unreadable: ReplayRecord = { ...records[0]!, position: records.length + 1, id: 'unreadable', subject: foreign, dataJson: 'not json', recordedAt: START + 365 * 86_400_000 };
    const run = new ReplayRun(DEFAULT_RULES_CONFIG, owns);
    run.feed(records);
    // A year later by the log's clock: the owned keys' rechecks due by then run, as in a whole run.
    const rows = replayed(run, [unreadable]);
    const wholeRun = new ReplayRun(DEFAULT_RULES_CONFIG);
    wholeRun.feed(records);
    const expected = replayed(wholeRun, [{ ...unreadable, dataJson: JSON.stringify({ sku: foreign, amount: '1.00', currency: 'PLN' }) }]);
    expect(run.replayed).toBe(records.length + 1);
    expect(rows.length).toBeGreaterThan(0);
    // Every row it gives at that position is one a whole run gives there, byte for byte.
    expect(rows.every((row) => expected.some((e) => e.findingId === row.findingId && e.version === row.version && e.cloudEvent === row.cloudEvent))).toBe(true);
  });
});
