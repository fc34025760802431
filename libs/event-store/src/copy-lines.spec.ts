import { ReplayLines } from './stream';

describe('ReplayLines', () => {
  const lines = ['1\teshop\te-1\tretail.price.set.v1\t1000\t1250\t{"sku":"SKU-1","note":"zażółć\\\\n"}\tSKU-1', '2\tstore/WAW-001\te\\t2\tretail.stock.level.v1\t2000\t2250\t{"sku":"SKU-2"}\t\\N'];
  const text = Buffer.from(`${lines.join('\n')}\n`);

  it('reads the records of a COPY text stream, whatever the chunks (split inside a line or a character)', () => {
    const whole = new ReplayLines();
    const expected = [...whole.push(text), ...whole.end()];
    expect(expected).toEqual([
      { position: 1, source: 'eshop', id: 'e-1', type: 'retail.price.set.v1', eventTime: 1000, recordedAt: 1250, dataJson: '{"sku":"SKU-1","note":"zażółć\\n"}', subject: 'SKU-1' },
      { position: 2, source: 'store/WAW-001', id: 'e\t2', type: 'retail.stock.level.v1', eventTime: 2000, recordedAt: 2250, dataJson: '{"sku":"SKU-2"}', subject: undefined },
    ]);
    for (let size = 1; size <= 13; size += 1) {
      const reader = new ReplayLines();
      const records = [];
      for (let at = 0; at < text.length; at += size) records.push(...reader.push(text.subarray(at, at + size)));
      records.push(...reader.end());
      expect(records).toEqual(expected);
    }
  });

  it('reads a last line without its newline at the end', () => {
    const reader = new ReplayLines();
    expect(reader.push(Buffer.from(lines[0]!))).toEqual([]);
    expect(reader.end().map((record) => record.position)).toEqual([1]);
  });
});
