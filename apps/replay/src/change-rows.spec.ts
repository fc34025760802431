import { ChangeRow } from '@parity/audit';
import { changeRowsOf, changeRowsText } from './change-rows';

describe('finding changes as COPY text (what replay workers send)', () => {
  const rows: ChangeRow[] = [
    { findingId: 'f1', version: 1, change: 'opened', logPosition: 7, cloudEvent: '{"data":{"reason":"a \\"quoted\\" word"}}' },
    // Text COPY must escape: a backslash, a tab and a newline in a value, and a character past ASCII.
    { findingId: 'f2', version: 3, change: 'updated', logPosition: 12, cloudEvent: '{"x":"tab\there\\\\n","y":"line\nbreak","z":"Łódź"}' },
    { findingId: 'f1', version: 2, change: 'resolved', logPosition: 40, cloudEvent: '{}' },
  ];

  it('is one line per row, tab-separated, in the order of the rows', () => {
    const lines = changeRowsText(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]!.split('\t').slice(0, 4)).toEqual(['f1', '1', 'opened', '7']);
    expect(lines[1]).toContain('tab\\there');
    expect(lines[1]).toContain('line\\nbreak');
  });

  it('reads back to the same rows', () => {
    expect(changeRowsOf(changeRowsText(rows))).toEqual(rows);
    expect(changeRowsOf(Buffer.from(new TextEncoder().encode(changeRowsText(rows))).toString('utf8'))).toEqual(rows);
  });

  it('is empty for no rows', () => {
    expect(changeRowsText([])).toBe('');
    expect(changeRowsOf('')).toEqual([]);
  });
});
