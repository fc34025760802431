/** A partition's next offset, as Kafka's commitOffsets takes it. */
export interface OffsetHint {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Kafka's committed offsets of a group whose durable offsets live elsewhere: only a hint, for tools
 * that read group lag from Kafka. Committing them on every batch cost a broker round trip of 10-50
 * ms on the batch's path; here the latest offset per partition is sent in the background, at most
 * once per interval, one commit at a time.
 */
export class OffsetHints {
  private readonly pending = new Map<string, OffsetHint>();
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly commit: (offsets: OffsetHint[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  note(hint: OffsetHint): void {
    if (this.stopped) return;
    this.pending.set(`${hint.topic}\u0000${hint.partition}`, hint);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Forgets what is pending and sends nothing more: a stopped consumer can no longer commit. */
  discard(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.stopped = true;
    return this.sending;
  }

  /** Sends what is pending now; resolves when it (and any earlier commit) is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    if (offsets.length > 0) {
      this.sending = this.sending.then(() => this.commit(offsets)).catch((error: unknown) => this.onError(error));
    }
    return this.sending;
  }
}
