import { OffsetHint, OffsetHints } from './offset-hints';

describe('OffsetHints', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the latest offset of each partition once per interval, not once per batch', async () => {
    const commits: OffsetHint[][] = [];
    const hints = new OffsetHints(async (offsets) => void commits.push(offsets), 1000, () => undefined);
    hints.note({ topic: 't', partition: 0, offset: '10' });
    hints.note({ topic: 't', partition: 1, offset: '5' });
    hints.note({ topic: 't', partition: 0, offset: '20' });
    expect(commits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '20' },
        { topic: 't', partition: 1, offset: '5' },
      ],
    ]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(commits).toHaveLength(1);
  });

  it('flushes at once on demand (shutdown) and reports a failed commit instead of throwing', async () => {
    const errors: unknown[] = [];
    const hints = new OffsetHints(() => Promise.reject(new Error('rebalance in progress')), 1000, (error) => errors.push(error));
    hints.note({ topic: 't', partition: 0, offset: '1' });
    await hints.flush();
    expect(errors).toEqual([new Error('rebalance in progress')]);
    // Nothing pending: a second flush sends nothing and reports nothing new.
    await hints.flush();
    expect(errors).toHaveLength(1);
  });

  it('sends one commit at a time, in order', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const hints = new OffsetHints(
      async (offsets) => {
        order.push(`start ${offsets[0]!.offset}`);
        if (offsets[0]!.offset === '1') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${offsets[0]!.offset}`);
      },
      1000,
      () => undefined,
    );
    hints.note({ topic: 't', partition: 0, offset: '1' });
    const first = hints.flush();
    hints.note({ topic: 't', partition: 0, offset: '2' });
    const second = hints.flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('sends nothing once discarded (the consumer stopped), neither what was pending nor what comes later', async () => {
    const commits: OffsetHint[][] = [];
    const hints = new OffsetHints(async (offsets) => void commits.push(offsets), 1000, () => undefined);
    hints.note({ topic: 't', partition: 0, offset: '1' });
    await hints.discard();
    hints.note({ topic: 't', partition: 0, offset: '2' });
    await jest.advanceTimersByTimeAsync(5000);
    await hints.flush();
    expect(commits).toEqual([]);
  });
});
