import { ChannelValue, sortedChannels, sortedEvidence } from './detection';
import { Evidence } from './evidence';

// An iterable that is not an array takes the general way: the short one must agree with it.
const general = <T>(items: readonly T[]): Iterable<T> => new Set(items);

describe('sortedEvidence and sortedChannels, short lists', () => {
  const evidence: [string, Evidence[]][] = [
    ['none', []],
    ['one', [{ source: 'eshop', id: 'e-1' }]],
    ['in order', [{ source: 'app', id: 'e-9' }, { source: 'eshop', id: 'e-1' }]],
    ['reversed', [{ source: 'eshop', id: 'e-1' }, { source: 'app', id: 'e-9' }]],
    ['one source, ids reversed', [{ source: 'eshop', id: 'e-2' }, { source: 'eshop', id: 'e-10' }]],
    ['the same event twice', [{ source: 'eshop', id: 'e-1' }, { source: 'eshop', id: 'e-1' }]],
    ['one key through a NUL in a name', [{ source: 'a\u0000b', id: 'c' }, { source: 'a', id: 'b\u0000c' }]],
  ];

  it.each(evidence)('evidence: %s', (_name, items) => {
    const fast = sortedEvidence(items);
    expect(fast).toEqual(sortedEvidence(general(items)));
    // The same objects, the later one kept for one event, as the map keeps it.
    fast.forEach((item, i) => expect(item).toBe(sortedEvidence(general(items))[i]));
  });

  const channels: [string, ChannelValue[]][] = [
    ['in order', [{ channel: 'app', value: '1' }, { channel: 'eshop', value: '2' }]],
    ['reversed', [{ channel: 'store/WAW-001', value: '1' }, { channel: 'eshop', value: '2' }]],
    ['one channel twice, order kept', [{ channel: 'eshop', value: '2' }, { channel: 'eshop', value: '1' }]],
  ];

  it.each(channels)('channels: %s', (_name, items) => {
    expect(sortedChannels(items)).toEqual(sortedChannels(general(items)));
  });
});
