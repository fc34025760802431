import { Pool } from 'pg';
import { readLog } from '@parity/event-store';
import { ChangeRow as ReplayRow, ReplayRun } from '@parity/audit';
import { DEFAULT_RULES_CONFIG, RulesConfig } from '@parity/rules';

export interface ChangeRow {
  finding_id: string;
  version: number;
  change: string;
  log_position: number;
  cloud_event: string;
}

/** What one clean reconciler run over the whole log writes: the pure engine (ReplayRun), in this process. */
export async function cleanRun(pool: Pool, config: RulesConfig = DEFAULT_RULES_CONFIG): Promise<ChangeRow[]> {
  const run = new ReplayRun(config);
  const rows: ChangeRow[] = [];
  const take = (changes: readonly ReplayRow[]) => {
    for (const r of changes) rows.push({ finding_id: r.findingId, version: r.version, change: r.change, log_position: r.logPosition, cloud_event: r.cloudEvent });
  };
  for (let at = 0; ; ) {
    const page = await readLog(pool, at, 5_000);
    if (page.length === 0) break;
    take(run.feed(page));
    at = page[page.length - 1]!.position;
  }
  take(run.finish());
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
