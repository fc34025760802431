/**
 * Keys to look at again at a given time, earliest first (ties by key, so every run pops them in
 * the same order). One pending time per key: scheduling again replaces it.
 */
export class Wakeups {
  private readonly pending = new Map<string, number>();
  private heap: [number, string][] = [];

  schedule(key: string, at: number | undefined): void {
    if (at === undefined) {
      this.pending.delete(key);
      return;
    }
    if (this.pending.get(key) === at) return;
    this.pending.set(key, at);
    this.heap.push([at, key]);
    this.up(this.heap.length - 1);
  }

  /** Removes and returns the earliest key due at or before `now`, if any. */
  next(now: number): [number, string] | undefined {
    while (this.heap.length > 0 && (this.heap[0]?.[0] ?? Infinity) <= now) {
      const [at, key] = this.pop();
      if (this.pending.get(key) !== at) continue; // replaced by a later schedule
      this.pending.delete(key);
      return [at, key];
    }
    return undefined;
  }

  /** When the earliest key is due; undefined when none is pending. */
  earliest(): number | undefined {
    // Entries replaced by a later schedule stay in the heap until they reach its top: drop them here.
    while (this.heap.length > 0) {
      const [at, key] = this.heap[0]!;
      if (this.pending.get(key) === at) return at;
      this.pop();
    }
    return undefined;
  }

  /** Removes and returns every key due at or before `now`, earliest first. */
  due(now: number): [number, string][] {
    const result: [number, string][] = [];
    for (let entry = this.next(now); entry; entry = this.next(now)) result.push(entry);
    return result;
  }

  get size(): number {
    return this.pending.size;
  }

  private pop(): [number, string] {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private before(a: [number, string], b: [number, string]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  private up(index: number): void {
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i]!, this.heap[parent]!)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  private down(index: number): void {
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.before(this.heap[left]!, this.heap[smallest]!)) smallest = left;
      if (right < this.heap.length && this.before(this.heap[right]!, this.heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [this.heap[i], this.heap[smallest]] = [this.heap[smallest]!, this.heap[i]!];
      i = smallest;
    }
  }
}
