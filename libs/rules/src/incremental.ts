import { RulesConfig } from './config';
import { LoggedEvent } from './facts';
import { Finding, FindingChange, reconcile } from './finding';
import { apply, detectKey, Projection } from './projection';

/** A logged event with the time Parity recorded it: the log's own clock. */
export interface RecordedEvent extends LoggedEvent {
  readonly recordedAt: number;
}

/** Findings not yet resolved, by state key. */
export type OpenFindings = Map<string, Finding[]>;

/**
 * One event of the log -> the finding changes it causes, with the log's clock (recordedAt) as
 * the time. Event by event, so the history is a function of the log alone: a live run and an
 * audit replay of the same log give the same changes, whatever batches they were read in.
 */
export function step(
  projection: Projection,
  open: OpenFindings,
  event: RecordedEvent,
  config: RulesConfig,
  owns: (key: string) => boolean = () => true,
): FindingChange[] {
  const key = apply(projection, event, owns);
  if (key === undefined) return [];
  const changes = reconcile(key, open.get(key) ?? [], detectKey(projection, key, event.recordedAt, config), event.recordedAt);
  if (changes.length > 0) open.set(key, stillOpen(open.get(key) ?? [], changes));
  return changes;
}

function stillOpen(current: readonly Finding[], changes: readonly FindingChange[]): Finding[] {
  const byId = new Map(current.map((finding) => [finding.id, finding]));
  for (const { type, finding } of changes) {
    if (type === 'resolved') byId.delete(finding.id);
    else byId.set(finding.id, finding);
  }
  return [...byId.values()];
}
