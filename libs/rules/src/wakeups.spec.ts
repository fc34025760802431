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

  it('tells when the earliest pending key is due, past replaced and cancelled schedules', () => {
    const wakeups = new Wakeups();
    expect(wakeups.earliest()).toBeUndefined();
    wakeups.schedule('a', 30);
    wakeups.schedule('b', 10);
    wakeups.schedule('c', 20);
    expect(wakeups.earliest()).toBe(10);
    wakeups.schedule('b', 40); // replaces 10
    expect(wakeups.earliest()).toBe(20);
    wakeups.schedule('c', undefined);
    expect(wakeups.earliest()).toBe(30);
    expect(wakeups.due(30)).toEqual([[30, 'a']]);
    expect(wakeups.earliest()).toBe(40);
    expect(wakeups.due(40)).toEqual([[40, 'b']]);
    expect(wakeups.earliest()).toBeUndefined();
  });
});
