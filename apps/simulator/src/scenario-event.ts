import { parseRfc3339 } from '@parity/contracts';
import { RecordedEvent } from '@parity/rules';
import { TrafficEvent } from './channel-fact';

/** A contract event of a scenario, with the time Parity records it at simulated speed. */
export interface ScenarioEvent extends TrafficEvent {
  /** The log's clock in a run at simulated speed; never before the event time. */
  readonly recordedAt: number;
  /** The injection it belongs to; undefined for ordinary traffic. */
  readonly injection: string | undefined;
}

/** The event as the rules engine reads it from the log. */
export function toRecordedEvent(event: ScenarioEvent): RecordedEvent {
  const { id, source, type, time, data } = event.cloudEvent;
  const eventTime = parseRfc3339(time);
  if (eventTime === undefined) throw new RangeError(`event ${id} has no RFC 3339 time: ${time}`);
  return { source, id, type, eventTime, data, recordedAt: event.recordedAt };
}
