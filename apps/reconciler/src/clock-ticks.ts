import { Pool } from 'pg';
import { appendOwnEvent } from '@parity/event-store';
import { clockTick } from '@parity/rules';

/** Whether to tick now: a recheck is due by the wall clock, and the last tick is `minIntervalMs` back (0: never). */
export function tickDue(dueAt: number | undefined, now: number, lastTickAt: number, minIntervalMs: number): boolean {
  return minIntervalMs > 0 && dueAt !== undefined && dueAt <= now && now - lastTickAt >= minIntervalMs;
}

/**
 * The wall clock, written into the log when it has to be: while the channels are quiet, a due
 * recheck (a staleness window running out, a scheduled price starting) waits for time to move in
 * the log, and only an append moves it. The tick goes on the hash chain like any event, so the
 * audit replay sees time move at the same place as this run did.
 */
export class ClockTicks {
  private lastTickAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: Pool,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends a tick when `dueAt` has come; true when one went into the log. */
  async tickIfDue(dueAt: number | undefined): Promise<boolean> {
    const now = this.now();
    if (!tickDue(dueAt, now, this.lastTickAt, this.minIntervalMs)) return false;
    this.lastTickAt = now;
    const tick = clockTick(now, dueAt!);
    const event = { source: tick.source, id: tick.id, type: tick.type, subject: undefined, eventTime: tick.eventTime, dataJson: JSON.stringify(tick.data) };
    const result = await appendOwnEvent(this.pool, event, 'parity/clock', now);
    // Another instance may have ticked in the same millisecond: its tick moved the clock as well.
    return result.appended.length > 0;
  }
}
