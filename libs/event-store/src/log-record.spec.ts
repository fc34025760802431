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
