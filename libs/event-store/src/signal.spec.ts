import { Signal } from './signal';

describe('Signal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes a waiting loop at once when notified', async () => {
    const signal = new Signal();
    let woke = false;
    void signal.wait(10_000).then(() => (woke = true));
    await jest.advanceTimersByTimeAsync(1);
    expect(woke).toBe(false);
    signal.notify();
    await jest.advanceTimersByTimeAsync(0);
    expect(woke).toBe(true);
  });

  it('keeps a notification that came while nobody waited, for the next wait only', async () => {
    const signal = new Signal();
    signal.notify();
    signal.notify();
    let first = false;
    let second = false;
    void signal.wait(1000).then(() => (first = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(first).toBe(true);
    void signal.wait(1000).then(() => (second = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(second).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(second).toBe(true);
  });

  it('falls back to the timeout when nothing comes', async () => {
    const signal = new Signal();
    let woke = false;
    void signal.wait(50).then(() => (woke = true));
    await jest.advanceTimersByTimeAsync(49);
    expect(woke).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
    // A notify after the timeout is kept for the next wait, not lost.
    signal.notify();
    let next = false;
    void signal.wait(50).then(() => (next = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(next).toBe(true);
  });
});
