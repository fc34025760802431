import { createHash } from 'node:crypto';
import { chainHash, GENESIS_HASH, LogRecord, sameEvent } from './log-record';

const record = (position: number, overrides: Partial<LogRecord> = {}): Omit<LogRecord, 'hash'> => ({
  position,
  source: 'eshop',
  id: `e-${position}`,
  type: 'retail.price.set.v1',
  subject: 'SKU-1',
  eventTime: 1_700_000_000_000,
  recordedAt: 1_700_000_000_500,
  dataJson: '{"sku":"SKU-1","amount":"1.00","currency":"PLN"}',
  kafka: { topic: 'retail.prices.v1', partition: 0, offset: position - 1 },
  ...overrides,
});

describe('chainHash', () => {
  it('is deterministic and links to the previous hash', () => {
    const first = chainHash(GENESIS_HASH, record(1));
    expect(chainHash(GENESIS_HASH, record(1))).toEqual(first);
    expect(first).toHaveLength(32);
    expect(chainHash(first, record(2))).not.toEqual(chainHash(GENESIS_HASH, record(2)));
  });

  it('is SHA-256 of the previous hash, the header line and the data, for any text', () => {
    const reference = (previous: Buffer, r: Omit<LogRecord, 'hash'>) => {
      const header = JSON.stringify([r.position, r.source, r.id, r.type, r.subject ?? null, r.eventTime, r.recordedAt, r.kafka.topic, r.kafka.partition, r.kafka.offset]);
      return createHash('sha256').update(previous).update(`${header}\n${r.dataJson}`, 'utf8').digest();
    };
    const large = `{"note":"${'Zażółć gęślą jaźń 🛒 '.repeat(4_000)}"}`;
    let previous: Buffer = GENESIS_HASH;
    for (const variant of [{}, { source: 'store/ŁDZ-01', id: 'e-"quoted"\n' }, { dataJson: large }, { subject: undefined }, {}]) {
      const r = record(2, variant);
      const computed = chainHash(previous, r);
      expect(computed.toString('hex')).toBe(reference(previous, r).toString('hex'));
      previous = computed;
    }
  });

  it('changes when any stored column changes', () => {
    const base = chainHash(GENESIS_HASH, record(1));
    const variants: Partial<LogRecord>[] = [
      { position: 2 },
      { source: 'app' },
      { id: 'other' },
      { type: 'retail.stock.level.v1' },
      { subject: undefined },
      { eventTime: 1_700_000_000_001 },
      { recordedAt: 1_700_000_000_501 },
      { dataJson: '{"sku":"SKU-1","amount":"1.01","currency":"PLN"}' },
      { kafka: { topic: 'retail.prices.v1', partition: 1, offset: 0 } },
      { kafka: { topic: 'retail.prices.v1', partition: 0, offset: 7 } },
    ];
    for (const variant of variants) {
      expect(chainHash(GENESIS_HASH, record(1, variant))).not.toEqual(base);
    }
  });
});

describe('sameEvent', () => {
  it('ignores where the copy was read from, not what it says', () => {
    expect(sameEvent(record(1), record(1, { kafka: { topic: 'x', partition: 3, offset: 99 } }))).toBe(true);
    expect(sameEvent(record(1), record(1, { dataJson: '{}' }))).toBe(false);
    expect(sameEvent(record(1), record(1, { eventTime: 1 }))).toBe(false);
  });
});
