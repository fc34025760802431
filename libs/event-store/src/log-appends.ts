import { Client } from 'pg';
import { Signal } from './signal';

/** The PostgreSQL channel on which every committed append is announced (see appendToLog). */
export const LOG_APPENDED_CHANNEL = 'parity_log_appended';

/**
 * Wakes a log follower as soon as an append commits, by PostgreSQL LISTEN/NOTIFY, instead of a
 * poll every few milliseconds. The follower keeps a slower poll as its fallback: a dropped
 * connection (reconnected here after a second) or a missed notification only delays it.
 */
export class LogAppends {
  readonly signal = new Signal();
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (reason: string) => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const client = new Client({ connectionString: this.url });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.onError(`listening for log appends: ${reason}; polling until reconnected`);
      this.retry = setTimeout(() => void this.start().catch((error: unknown) => lost(String(error))), 1000);
    };
    this.client = client;
    client.on('notification', () => this.signal.notify());
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${LOG_APPENDED_CHANNEL}`);
    } catch (error) {
      lost((error as Error).message);
      return;
    }
    // Appends committed while (re)connecting were not announced to us: look once.
    this.signal.notify();
  }

  /** Resolves at the next committed append, or after `fallbackMs`. */
  next(fallbackMs: number): Promise<void> {
    return this.signal.wait(fallbackMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
