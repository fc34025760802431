import { Injectable } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { appendDecidedEvent, findingOfRow, FindingRow } from '@parity/event-store';
import { Finding, FINDING_ACTION_TYPES, RecordedEvent } from '@parity/rules';
import { ActionEvent, findingAfterActions } from './finding-action';

export interface AppendedAction {
  readonly event: ActionEvent;
  readonly position: number;
  readonly recordedAt: number;
}

/**
 * Appends operator actions to the event log, the same way ingest appends channel events: under
 * the head lock, on the hash chain. It only appends; nothing in the feed updates or deletes it.
 */
@Injectable()
export class ActionLog {
  constructor(private readonly pool: Pool) {}

  /**
   * Appends the action `decide` makes of the finding (undefined when there is none). It decides
   * under the head lock against the finding as the log has it, so of two identical actions sent
   * at once the second sees the first, as a repeat sent later does; and at the time the log will
   * record it (`clock`, or just after the event before), the time the reconciler applies it at.
   */
  async append(findingId: string, decide: (finding: Finding | undefined, at: number) => ActionEvent, clock: number): Promise<AppendedAction> {
    let event: ActionEvent | undefined;
    const decided = async (client: PoolClient, at: number) => {
      event = decide(await this.findingAsLogged(client, findingId), at);
      return event;
    };
    const result = await appendDecidedEvent(this.pool, decided, 'http:parity/feed', clock);
    const appended = result.appended[0];
    if (!appended || !event) throw new Error(`action ${event?.id ?? `on ${findingId}`} was not appended: its id is already in the log`);
    // The log's time, not the request's: the append never records earlier than the event before it.
    return { event, position: appended.position, recordedAt: appended.recordedAt };
  }

  /** The row the reconciler last wrote and the actions appended after the event it last applied (they may not be applied yet). */
  private async findingAsLogged(client: PoolClient, id: string): Promise<Finding | undefined> {
    const found = await client.query<FindingRow & { log_position: string }>('SELECT * FROM findings WHERE id = $1', [id]);
    const row = found.rows[0];
    if (!row) return undefined;
    const actions = await client.query<{ source: string; id: string; type: string; event_time: Date; recorded_at: Date; data: unknown }>(
      `SELECT source, id, type, event_time, recorded_at, data FROM event_log
        WHERE source = 'parity/feed' AND data->>'findingId' = $1 AND position > $2 AND type = ANY($3::text[]) ORDER BY position`,
      [id, row.log_position, Object.values(FINDING_ACTION_TYPES)],
    );
    const since: RecordedEvent[] = actions.rows.map((r) => ({ source: r.source, id: r.id, type: r.type, eventTime: r.event_time.getTime(), recordedAt: r.recorded_at.getTime(), data: r.data }));
    return findingAfterActions(findingOfRow(row), since);
  }
}
