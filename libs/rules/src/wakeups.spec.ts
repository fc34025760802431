import { Wakeups } from './wakeups';

describe('Wakeups', () => {
  it('returns due keys earliest first, ties by key, and only the latest schedule of a key', () => {
    const wakeups = new Wakeups();
    wakeups.schedule('b', 30);
    wakeups.schedule('a', 30);
    wakeups.schedule('c', 10);
    wakeups.schedule('d', 50);
    wakeups.schedule('c', 40); // replaces 10
    wakeups.schedule('e', 20);
    wakeups.schedule('e', undefined); // cancelled
    expect(wakeups.due(35)).toEqual([
      [30, 'a'],
      [30, 'b'],
    ]);
    expect(wakeups.due(100)).toEqual([
      [40, 'c'],
      [50, 'd'],
    ]);
    expect(wakeups.size).toBe(0);
  });
});
