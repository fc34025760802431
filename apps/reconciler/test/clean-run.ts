import { Pool } from 'pg';
import { readLog } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG, emptyProjection, findingCloudEvent, OpenFindings, RulesConfig, step } from '@parity/rules';

export interface ChangeRow {
  finding_id: string;
  version: number;
  change: string;
  log_position: number;
  cloud_event: string;
}

/** What one clean reconciler run over the whole log writes: the pure engine, in this process. */
export async function cleanRun(pool: Pool, config: RulesConfig = DEFAULT_RULES_CONFIG): Promise<ChangeRow[]> {
  const projection = emptyProjection(config);
  const open: OpenFindings = new Map();
  const versions = new Map<string, number>();
  const rows: ChangeRow[] = [];
  for (let at = 0; ; ) {
    const page = await readLog(pool, at, 5_000);
    if (page.length === 0) break;
    for (const record of page) {
      const event = { source: record.source, id: record.id, type: record.type, eventTime: record.eventTime, recordedAt: record.recordedAt, data: JSON.parse(record.dataJson) as unknown };
      for (const change of step(projection, open, event, config)) {
        const version = (versions.get(change.finding.id) ?? 0) + 1;
        versions.set(change.finding.id, version);
        rows.push({ finding_id: change.finding.id, version, change: change.type, log_position: record.position, cloud_event: findingCloudEvent(change, version, record.recordedAt) });
      }
    }
    at = page[page.length - 1]!.position;
  }
  return rows;
}

/** The service's history in the same order: by log position, then finding id. */
export async function storedChanges(pool: Pool): Promise<ChangeRow[]> {
  const result = await pool.query<ChangeRow & { log_position: string }>(
    'SELECT finding_id, version, change, log_position, cloud_event FROM finding_changes ORDER BY log_position, finding_id, version',
  );
  return result.rows.map((row) => ({ ...row, log_position: Number(row.log_position) }));
}

export function byPositionAndId(rows: ChangeRow[]): ChangeRow[] {
  return [...rows].sort((a, b) => a.log_position - b.log_position || (a.finding_id < b.finding_id ? -1 : a.finding_id > b.finding_id ? 1 : a.version - b.version));
}
