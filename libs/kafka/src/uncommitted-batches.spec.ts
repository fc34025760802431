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

  // As the consumer does: a batch arrives from its fetch, then is handed off.
  const handOff = (batches: UncommittedBatches, s: BatchSpan, durable: Promise<void>): boolean => {
    if (!batches.arrived(s.topic, s.partition, s.fetchedFrom)) return false;
    batches.track(s, durable);
    return true;
  };

  it('rewinds a partition to where it is durable up to, never forward to a later failed batch', async () => {
    const { batches, rewinds, failed } = setUp();
    const first = deferred();
    const second = deferred();
    handOff(batches, span(0, 0, 100), first.promise);
    handOff(batches, span(0, 100, 200), second.promise);
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

  it('rewinds to the end of the last durable batch', async () => {
    const { batches, rewinds } = setUp();
    handOff(batches, span(0, 0, 100), Promise.resolve());
    handOff(batches, span(0, 100, 200), Promise.reject(new Error('x')));
    await batches.settled();
    expect(rewinds).toEqual([[0, 100]]);
  });

  it('rewinds to the durable point when a batch fetched before the refetch fails after it began', async () => {
    // What once stalled a partition: 52 fails, the refetch from 52 arrives, then a batch fetched
    // from 165 before the rewind is refused, and seeking to 165 skipped 52-164 for good.
    const { batches, rewinds } = setUp();
    const early = deferred();
    const stale = deferred();
    handOff(batches, span(0, 52, 93), early.promise);
    handOff(batches, span(0, 165, 200), stale.promise);
    early.reject(new Error('refused'));
    await Promise.resolve();
    await Promise.resolve();
    expect(rewinds).toEqual([[0, 52]]);
    expect(handOff(batches, span(0, 52, 93), deferred().promise)).toBe(true);
    stale.reject(new Error('an earlier batch is not committed yet'));
    await Promise.resolve();
    await Promise.resolve();
    expect(rewinds).toEqual([
      [0, 52],
      [0, 52],
    ]);
  });

  it('drops batches that arrive from beyond a pending rewind, and asks for the rewind again', async () => {
    const { batches, rewinds } = setUp();
    handOff(batches, span(0, 50, 100), Promise.reject(new Error('x')));
    await batches.settled();
    expect(handOff(batches, span(0, 100, 200), Promise.resolve())).toBe(false);
    expect(batches.overtaken('t', 0, 100)).toBe(true);
    expect(rewinds).toEqual([
      [0, 50],
      [0, 50],
    ]);
    expect(handOff(batches, span(0, 50, 100), Promise.resolve())).toBe(true);
    expect(batches.overtaken('t', 0, 100)).toBe(false);
    expect(handOff(batches, span(0, 100, 200), Promise.resolve())).toBe(true);
    await batches.settled();
  });

  it('tells a batch handed on in order that a rewind overtook it', async () => {
    const { batches } = setUp();
    expect(batches.arrived('t', 0, 0)).toBe(true);
    expect(batches.arrived('t', 0, 100)).toBe(true);
    batches.track(span(0, 0, 100), Promise.reject(new Error('x')));
    await batches.settled();
    expect(batches.overtaken('t', 0, 100)).toBe(true);
    expect(batches.overtaken('t', 0, 0)).toBe(false);
  });

  it('after a reassignment, leaves placing a partition to the seek to its stored offset', async () => {
    const { batches, rewinds, failed } = setUp();
    const inFlight = deferred();
    handOff(batches, span(0, 0, 100), Promise.reject(new Error('x')));
    await batches.settled();
    handOff(batches, span(0, 0, 100), inFlight.promise);
    batches.reassigned();
    inFlight.reject(new Error('lost the connection during the rebalance'));
    await batches.settled();
    expect(rewinds).toEqual([[0, 0]]);
    expect(failed).toEqual([0, 0]);
    // The rewind from before is gone too: batches from the stored offset are handled.
    expect(handOff(batches, span(0, 300, 400), Promise.resolve())).toBe(true);
    await batches.settled();
  });

  it('keeps partitions apart', async () => {
    const { batches, rewinds } = setUp();
    handOff(batches, span(0, 10, 20), Promise.reject(new Error('x')));
    handOff(batches, span(1, 500, 600), Promise.reject(new Error('y')));
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
