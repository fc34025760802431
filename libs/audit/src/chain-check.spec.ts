import { chainHash, GENESIS_HASH, LogRecord } from '@parity/event-store';
import { ChainCheck } from './chain-check';

function chain(count: number): LogRecord[] {
  const records: LogRecord[] = [];
  let previous: Buffer = GENESIS_HASH;
  for (let position = 1; position <= count; position += 1) {
    const content = { position, source: 'eshop', id: `e-${position}`, type: 'retail.price.set.v1', subject: 'SKU-1', eventTime: position, recordedAt: position, dataJson: `{"n":${position}}`, kafka: { topic: 't', partition: 0, offset: position } };
    previous = chainHash(previous, content);
    records.push({ ...content, hash: previous });
  }
  return records;
}

const head = (records: readonly LogRecord[]) => ({ position: records[records.length - 1]?.position ?? 0, hash: records[records.length - 1]?.hash ?? GENESIS_HASH });

function check(records: readonly LogRecord[], claimed = head(records)) {
  const checker = new ChainCheck();
  checker.check(records.slice(0, 7));
  checker.check(records.slice(7));
  return checker.finish(claimed).map(({ kind, position }) => ({ kind, position }));
}

describe('ChainCheck: every defect at its own position, in one pass', () => {
  const log = chain(20);

  it('an untouched log has no defect', () => {
    expect(check(log)).toEqual([]);
  });

  it('an altered row is named, and only it', () => {
    const altered = log.map((r) => (r.position === 5 ? { ...r, dataJson: '{"n":500}' } : r));
    expect(check(altered)).toEqual([{ kind: 'altered', position: 5 }]);
  });

  it('a changed stored hash is told apart from a changed row', () => {
    const rehashed = log.map((r) => (r.position === 9 ? { ...r, hash: Buffer.alloc(32, 1) } : r));
    expect(check(rehashed)).toEqual([{ kind: 'hash-altered', position: 9 }]);
  });

  it('a deleted row is missing at its position', () => {
    expect(check(log.filter((r) => r.position !== 12))).toEqual([{ kind: 'missing', position: 12 }]);
  });

  it('two swapped rows are one defect: moved, at the first', () => {
    const swapped = log.map((r) => (r.position === 3 ? { ...log[3]!, position: 3 } : r.position === 4 ? { ...log[2]!, position: 4 } : r));
    expect(check(swapped)).toEqual([{ kind: 'moved', position: 3 }]);
  });

  it('several defects in one log are all found', () => {
    const many = log
      .filter((r) => r.position !== 15)
      .map((r) => (r.position === 2 ? { ...r, source: 'app' } : r.position === 8 ? { ...r, hash: Buffer.alloc(32) } : r));
    expect(check(many)).toEqual([
      { kind: 'altered', position: 2 },
      { kind: 'hash-altered', position: 8 },
      { kind: 'missing', position: 15 },
    ]);
  });

  it('rows removed from the end, or added past the head, are head mismatches', () => {
    expect(check(log.slice(0, 18), head(log))).toEqual([{ kind: 'head-mismatch', position: 19 }]);
    expect(check(log, head(log.slice(0, 17)))).toEqual([{ kind: 'head-mismatch', position: 18 }]);
  });
});
