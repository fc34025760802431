interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the partition batches of one Kafka fetch, handed in together, and those that
 * arrive while a transaction runs, go to the log in one transaction. Appenders queue on the
 * log's head lock anyway; one transaction per batch made a fetch of six partitions wait for six
 * commits in a row. A failed commit fails every batch in it, and each is redelivered.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private draining = false;

  /** `commit` gets the items in the order they were submitted and returns one result per item. */
  constructor(private readonly commit: (items: readonly T[]) => Promise<readonly R[]>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // The other batches of the same fetch are handed in within this turn of the event loop.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const taken = this.waiting;
      this.waiting = [];
      try {
        const results = await this.commit(taken.map((waiting) => waiting.item));
        if (results.length !== taken.length) throw new TypeError(`a group commit of ${taken.length} items returned ${results.length} results`);
        taken.forEach((waiting, n) => waiting.resolve(results[n]!));
      } catch (error) {
        for (const waiting of taken) waiting.reject(error);
      }
    }
    this.draining = false;
  }
}
