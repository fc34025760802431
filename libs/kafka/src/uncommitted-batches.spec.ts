import { BatchSpan, UncommittedBatches } from './uncommitted-batches';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const span = (partition: number, fetchedFrom: number, nextOffset: number): BatchSpan => ({ topic: 't', partition, fetchedFrom, nextOffset });

function setUp(limit = 10) {
  const rewinds: [number, number][] = [];
  const durable: number[] = [];
  const failed: number[] = [];
  const batches = new UncommittedBatches({
    limit,
    rewind: (_topic, partition, offset) => rewinds.push([partition, offset]),
    onDurable: (s) => durable.push(s.nextOffset),
    onFailed: (s) => failed.push(s.fetchedFrom),
  });
  return { batches, rewinds, durable, failed };
}

describe('UncommittedBatches', () => {
  it('reports durable batches and rewinds nothing when all commit', async () => {
    const { batches, rewinds, durable } = setUp();
    batches.track(span(0, 0, 100), Promise.resolve());
    batches.track(span(0, 100, 200), Promise.resolve());
    await batches.settled();
    expect(durable).toEqual([100, 200]);
    expect(rewinds).toEqual([]);
    expect(batches.size).toBe(0);
  });

  it('rewinds a partition to the earliest failed batch, never forward to a later one', async () => {
    const { batches, rewinds, failed } = setUp();
    const first = deferred();
    const second = deferred();
    batches.track(span(0, 0, 100), first.promise);
    batches.track(span(0, 100, 200), second.promise);
    first.reject(new Error('connection lost'));
    await Promise.resolve();
    second.reject(new Error('an earlier batch failed'));
    await batches.settled();
    expect(failed).toEqual([0, 100]);
    // Seeking to 100 after 0 would skip offsets 0-99.
    expect(rewinds).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('forgets a rewind once the partition is fetched from there again', async () => {
    const { batches, rewinds } = setUp();
    batches.track(span(0, 0, 100), Promise.reject(new Error('x')));
    await batches.settled();
    batches.arrived('t', 0, 0);
    batches.track(span(0, 300, 400), Promise.reject(new Error('y')));
    await batches.settled();
    expect(rewinds).toEqual([
      [0, 0],
      [0, 300],
    ]);
  });

  it('keeps a rewind while only batches fetched before it arrive', async () => {
    const { batches, rewinds } = setUp();
    batches.track(span(0, 50, 100), Promise.reject(new Error('x')));
    await batches.settled();
    batches.arrived('t', 0, 100);
    batches.track(span(0, 100, 200), Promise.reject(new Error('y')));
    await batches.settled();
    expect(rewinds).toEqual([
      [0, 50],
      [0, 50],
    ]);
  });

  it('keeps partitions apart', async () => {
    const { batches, rewinds } = setUp();
    batches.track(span(0, 10, 20), Promise.reject(new Error('x')));
    batches.track(span(1, 500, 600), Promise.reject(new Error('y')));
    await batches.settled();
    expect(rewinds).toEqual([
      [0, 10],
      [1, 500],
    ]);
  });

  it('makes the fetch loop wait while more than the limit are uncommitted', async () => {
    const { batches } = setUp(1);
    const first = deferred();
    const second = deferred();
    batches.track(span(0, 0, 1), first.promise);
    batches.track(span(1, 0, 1), second.promise);
    let roomy = false;
    const room = batches.room().then(() => (roomy = true));
    await Promise.resolve();
    expect(roomy).toBe(false);
    first.resolve();
    await room;
    expect(roomy).toBe(true);
    second.resolve();
    await batches.settled();
  });
});
