/**
 * Items ordered by due time, first-in first-out among equal times (a binary heap: the queue of
 * pending propagations can hold hundreds of thousands at high rates).
 */
interface Entry<T> {
  readonly dueAt: number;
  readonly order: number;
  readonly item: T;
}

export class DueQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private added = 0;

  get size(): number {
    return this.heap.length;
  }

  push(dueAt: number, item: T): void {
    this.heap.push({ dueAt, order: this.added++, item });
    this.up(this.heap.length - 1);
  }

  /** The first item due at or before `now`, removed from the queue. */
  popDue(now: number): { dueAt: number; item: T } | undefined {
    const first = this.heap[0];
    if (first === undefined || first.dueAt > now) return undefined;
    const last = this.heap.pop();
    if (last !== undefined && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return { dueAt: first.dueAt, item: first.item };
  }

  private up(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private down(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let first = index;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === index) return;
      this.swap(index, first);
      index = first;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    if (x === undefined || y === undefined) return false;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const x = this.heap[a];
    const y = this.heap[b];
    if (x === undefined || y === undefined) return;
    this.heap[a] = y;
    this.heap[b] = x;
  }
}
