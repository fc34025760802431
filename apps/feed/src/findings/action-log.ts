import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { appendOwnEvent } from '@parity/event-store';
import { ActionEvent } from './finding-action';

export interface AppendedAction {
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

  async append(event: ActionEvent, recordedAt: number): Promise<AppendedAction> {
    const result = await appendOwnEvent(this.pool, event, 'http:parity/feed', recordedAt);
    const appended = result.appended[0];
    if (!appended) throw new Error(`action ${event.id} was not appended: its id is already in the log`);
    return { position: appended.position, recordedAt };
  }
}
