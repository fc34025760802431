import { Injectable } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { findingOfRow, FindingRow, inTransaction } from '@parity/event-store';
import { Finding, FindingChange, findingCloudEvent } from '@parity/rules';
import { OwnershipLost } from './ownership-lost';

/** A finding change with where in the log it came from. */
export interface PositionedChange {
  readonly change: FindingChange;
  readonly version: number;
  readonly logPosition: number;
  /** The log clock at the change (recordedAt of the event that caused it). */
  readonly changedAt: number;
}

/** The reconciler's findings, change history (the outbox) and checkpoint. */
@Injectable()
export class FindingsRepository {
  constructor(private readonly pool: Pool) {}

  async checkpoints(names: readonly string[]): Promise<Map<string, number>> {
    const result = await this.pool.query<{ name: string; position: string }>(
      'SELECT name, position FROM reconciler_checkpoints WHERE name = ANY($1::text[])',
      [names],
    );
    return new Map(result.rows.map((row) => [row.name, Number(row.position)]));
  }

  /** Findings not resolved, and the latest version of every finding ever opened. */
  async load(): Promise<{ open: Finding[]; versions: Map<string, number> }> {
    const result = await this.pool.query<FindingRow>('SELECT * FROM findings');
    const versions = new Map<string, number>();
    const open: Finding[] = [];
    for (const row of result.rows) {
      versions.set(row.id, row.version);
      if (row.status !== 'resolved') open.push(findingOfRow(row));
    }
    return { open, versions };
  }

  /**
   * Findings, their changes and the checkpoints, in one transaction: all of a page or nothing.
   * Fenced: if a checkpoint is not where this instance left it, another instance owns that
   * partition now, and nothing is written.
   */
  async save(checkpoints: ReadonlyMap<string, { expected: number; next: number }>, changes: readonly PositionedChange[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const names = [...checkpoints.keys()];
      const stored = await client.query<{ name: string; position: string }>(
        'SELECT name, position FROM reconciler_checkpoints WHERE name = ANY($1::text[]) FOR UPDATE',
        [names],
      );
      const positions = new Map(stored.rows.map((row) => [row.name, Number(row.position)]));
      for (const [name, { expected }] of checkpoints) {
        if ((positions.get(name) ?? 0) !== expected) {
          throw new OwnershipLost(`${name} is at ${positions.get(name) ?? 0}, not ${expected}: another instance owns it now`);
        }
      }
      // Latest state per finding of this page; every change goes to the history/outbox.
      const latest = new Map<string, PositionedChange>();
      for (const change of changes) latest.set(change.change.finding.id, change);
      await this.upsertFindings(client, [...latest.values()]);
      await this.appendChanges(client, changes);
      await client.query(
        `INSERT INTO reconciler_checkpoints (name, position, updated_at)
         SELECT name, position, now() FROM unnest($1::text[], $2::bigint[]) AS c(name, position)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
        [names, names.map((name) => checkpoints.get(name)?.next ?? 0)],
      );
    });
  }

  private async upsertFindings(client: PoolClient, changes: readonly PositionedChange[]): Promise<void> {
    if (changes.length === 0) return;
    const rows = changes.map(({ change: { finding }, version, logPosition }) => ({
      id: finding.id,
      state_key: finding.key,
      rule: finding.rule,
      status: finding.status,
      severity: finding.severity,
      subject_kind: finding.subject.kind,
      subject_id: finding.subject.id,
      sku: finding.sku ?? null,
      promotion_id: finding.promotionId ?? null,
      policy_id: finding.policyId ?? null,
      category: finding.category ?? null,
      channels: finding.channels,
      impact_at: new Date(Math.min(finding.impactAt, 8.64e15)).toISOString(),
      detected_at: new Date(finding.detectedAt).toISOString(),
      resolved_at: finding.resolvedAt === undefined ? null : new Date(finding.resolvedAt).toISOString(),
      evidence: finding.evidence,
      parameters: finding.parameters,
      handling: finding.handling ?? null,
      version,
      log_position: logPosition,
    }));
    await client.query(
      `INSERT INTO findings
       SELECT * FROM jsonb_populate_recordset(NULL::findings, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET
         sku = EXCLUDED.sku, promotion_id = EXCLUDED.promotion_id, policy_id = EXCLUDED.policy_id,
         status = EXCLUDED.status, severity = EXCLUDED.severity, channels = EXCLUDED.channels,
         impact_at = EXCLUDED.impact_at, detected_at = EXCLUDED.detected_at, resolved_at = EXCLUDED.resolved_at,
         evidence = EXCLUDED.evidence, parameters = EXCLUDED.parameters, category = EXCLUDED.category, handling = EXCLUDED.handling, version = EXCLUDED.version,
         log_position = EXCLUDED.log_position`,
      [JSON.stringify(rows)],
    );
  }

  private async appendChanges(client: PoolClient, changes: readonly PositionedChange[]): Promise<void> {
    if (changes.length === 0) return;
    await client.query(
      `INSERT INTO finding_changes (finding_id, version, change, log_position, cloud_event)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[])`,
      [
        changes.map((c) => c.change.finding.id),
        changes.map((c) => c.version),
        changes.map((c) => c.change.type),
        changes.map((c) => c.logPosition),
        changes.map((c) => findingCloudEvent(c.change, c.version, c.changedAt)),
      ],
    );
  }
}
