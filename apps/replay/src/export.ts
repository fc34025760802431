import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  AsOfSubject,
  entryOf,
  ExportedChange,
  FindingAtT,
  findingConcerns,
  Manifest,
  ReportInput,
  reportHtml,
  SealKeys,
  rawPublicKey,
  signManifest,
  toCsv,
} from '@parity/audit';
import { readLogWhere } from '@parity/event-store';
import { FINDING_ACTION_TYPES, OWN_EVENT_TYPES } from '@parity/rules';
import { PositionRange } from './log-range';
import { subjectCondition } from './subject-events';
import { VerificationReport } from './verification';

export interface ExportOptions {
  readonly range: PositionRange;
  /** The bounds as asked (dates), for the report's title; positions are in `range`. */
  readonly period: { readonly from: string | undefined; readonly to: string | undefined };
  readonly subject: AsOfSubject | undefined;
  /** An existing, writable directory (the CLI prepares it before any work: preparedDirectory). */
  readonly outDir: string;
  readonly keys: SealKeys;
  readonly verification: VerificationReport;
  readonly now: number;
}

const ACTION_TYPES = Object.values(FINDING_ACTION_TYPES);

/**
 * Facts, finding changes, operator actions and the verification of a period and scope, as CSV
 * and JSON, a human-readable HTML report, and a manifest of every file's SHA-256 with its
 * detached Ed25519 signature. Returns the manifest.
 */
export async function exportReport(pool: Pool, options: ExportOptions): Promise<Manifest> {
  const { range, subject } = options;
  const inRange = 'position BETWEEN $1 AND $2';
  // Channel facts only: operator actions are listed apart, and clock ticks state nothing of a channel.
  const facts = await readLogWhere(pool, subject ? `${inRange} AND ${subjectCondition(subject.kind, '$3')}` : `${inRange} AND NOT (type = ANY($3::text[]))`, subject ? [range.from, range.to, subject.id] : [range.from, range.to, OWN_EVENT_TYPES]);
  const changeRows = await pool.query<{ log_position: string; change: ExportedChange['change']; cloud_event: string }>(
    'SELECT log_position, change, cloud_event FROM finding_changes WHERE log_position BETWEEN $1 AND $2 ORDER BY log_position, finding_id, version',
    [range.from, range.to],
  );
  const changes: ExportedChange[] = changeRows.rows
    .map((row) => {
      const event = JSON.parse(row.cloud_event) as { time: string; data: FindingAtT };
      return { logPosition: Number(row.log_position), changedAt: event.time, change: row.change, finding: event.data };
    })
    .filter((change) => !subject || findingConcerns(subject, change.finding));
  const scopeFindings = new Set(changes.map((change) => change.finding.id));
  const actions = (await readLogWhere(pool, `${inRange} AND type = ANY($3::text[])`, [range.from, range.to, ACTION_TYPES]))
    .map((record) => ({ record, data: JSON.parse(record.dataJson) as Record<string, string | undefined> }))
    .filter(({ data }) => !subject || scopeFindings.has(data['findingId'] ?? ''))
    .map(({ record, data }) => ({
      position: record.position,
      recordedAt: iso(record.recordedAt),
      type: record.type,
      findingId: data['findingId'] ?? '',
      by: data['by'] ?? '',
      assignee: data['assignee'],
      reason: data['reason'],
      until: data['until'],
    }));
  const factRows = facts.map((r) => ({ position: r.position, source: r.source, id: r.id, type: r.type, subject: r.subject ?? null, eventTime: iso(r.eventTime), recordedAt: iso(r.recordedAt), data: JSON.parse(r.dataJson) as unknown }));
  const findingRows = changes.map((c) => ({
    logPosition: c.logPosition,
    changedAt: c.changedAt,
    change: c.change,
    findingId: c.finding.id,
    version: c.finding.version,
    rule: c.finding.rule,
    status: c.finding.status,
    severity: c.finding.severity,
    sku: c.finding.sku,
    promotionId: c.finding.promotionId,
    policyId: c.finding.policyId,
    channels: c.finding.channels.map((channel) => `${channel.channel}=${channel.value}`).join('; '),
    impactAt: c.finding.impactAt,
    detectedAt: c.finding.detectedAt,
    resolvedAt: c.finding.resolvedAt,
  }));
  const v = options.verification;
  const verification = { ok: v.ok, checked: v.checked, headPosition: v.head.position, headHash: v.head.hash, firstBadPosition: v.firstBadPosition, defects: v.defects, seals: v.seals };
  const scope = subject ? `${subject.kind} ${subject.id}` : 'all channels and subjects';
  const generatedAt = iso(options.now);
  const input: ReportInput = {
    generatedAt,
    scope,
    period: { fromPosition: range.from, toPosition: range.to, from: options.period.from, to: options.period.to },
    facts: { count: facts.length, byType: tally(facts.map((f) => f.type)), byChannel: tally(facts.map((f) => f.source)) },
    changes,
    actions,
    verification,
  };
  const files: [string, string][] = [
    ['facts.csv', toCsv(['position', 'source', 'id', 'type', 'subject', 'eventTime', 'recordedAt', 'data'], factRows)],
    ['facts.json', json(factRows)],
    ['findings.csv', toCsv(['logPosition', 'changedAt', 'change', 'findingId', 'version', 'rule', 'status', 'severity', 'sku', 'promotionId', 'policyId', 'channels', 'impactAt', 'detectedAt', 'resolvedAt'], findingRows)],
    ['findings.json', json(changes)],
    ['actions.csv', toCsv(['position', 'recordedAt', 'type', 'findingId', 'by', 'assignee', 'reason', 'until'], actions)],
    ['actions.json', json(actions)],
    ['verification.json', json(verification)],
    ['report.html', reportHtml(input)],
  ];
  const entries = files.map(([file, text]) => {
    const content = Buffer.from(text);
    writeFileSync(join(options.outDir, file), content);
    return entryOf(file, content);
  });
  const manifest: Manifest = {
    format: 'parity-export-v1',
    generatedAt,
    scope,
    period: { fromPosition: range.from, toPosition: range.to },
    head: { position: v.head.position, hash: v.head.hash },
    signature: { algorithm: 'ed25519', keyId: options.keys.keyId, publicKey: rawPublicKey(options.keys), file: 'manifest.sig' },
    files: entries,
  };
  const manifestBytes = Buffer.from(json(manifest));
  writeFileSync(join(options.outDir, 'manifest.json'), manifestBytes);
  writeFileSync(join(options.outDir, 'manifest.sig'), signManifest(options.keys, manifestBytes));
  return manifest;
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function iso(epochMillis: number): string {
  return new Date(epochMillis).toISOString();
}
