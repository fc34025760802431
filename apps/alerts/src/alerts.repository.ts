import { Injectable } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { inTransaction } from '@parity/event-store';
import { AlertFinding } from './core/alert-finding';
import { Evaluation, TrackedFinding } from './core/evaluation';
import { GroupState } from './core/group';
import { Matcher } from './core/matchers';
import { NotificationDocument } from './core/notification-document';
import { Silence, SilenceRequest } from './core/silence';

export interface ClaimedNotification {
  readonly id: string;
  readonly receiver: string;
  readonly kind: string;
  readonly document: NotificationDocument;
  /** This attempt's number (1 for the first). */
  readonly attempt: number;
}

export type RecordedOutcome =
  | { readonly kind: 'delivered'; readonly statusCode: number | null }
  | { readonly kind: 'retry'; readonly at: number; readonly statusCode: number | null; readonly error: string }
  | { readonly kind: 'parked'; readonly statusCode: number | null; readonly error: string };

interface GroupRow {
  key: string;
  route_id: string;
  receiver: string;
  labels: Record<string, string>;
  created_at: string;
  flushed_at: string | null;
  notified_at: string | null;
  notified: string[];
}

/** Every SQL statement of the alerts service. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly pool: Pool) {}

  inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  /** Keeps the newest version of each finding: a replayed or older version changes nothing. */
  async saveFindings(client: PoolClient, findings: readonly AlertFinding[]): Promise<number> {
    if (findings.length === 0) return 0;
    const result = await client.query(
      `INSERT INTO alert_findings (id, version, status, data, updated_at)
       SELECT f->>'id', (f->>'version')::int, f->>'status', f, now() FROM jsonb_array_elements($1::jsonb) AS f
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE alert_findings.version < EXCLUDED.version`,
      [JSON.stringify(findings)],
    );
    return result.rowCount ?? 0;
  }

  // --- evaluation ---

  /** Only one evaluator at a time, however many instances run: the others skip the tick. */
  async tryEvaluationLock(client: PoolClient): Promise<boolean> {
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(7270020) AS locked');
    return result.rows[0]?.locked === true;
  }

  async loadGroups(client: PoolClient): Promise<GroupState[]> {
    const result = await client.query<GroupRow>('SELECT * FROM alert_groups');
    return result.rows.map((row) => ({
      key: row.key,
      routeId: row.route_id,
      receiver: row.receiver,
      labels: row.labels,
      createdAt: Number(row.created_at),
      flushedAt: row.flushed_at === null ? null : Number(row.flushed_at),
      notifiedAt: row.notified_at === null ? null : Number(row.notified_at),
      notified: row.notified,
    }));
  }

  /** The unresolved findings, and the resolved ones some group told as firing (it must tell their resolution). */
  async loadFindings(client: PoolClient, told: readonly string[]): Promise<TrackedFinding[]> {
    const result = await client.query<{ data: AlertFinding; escalated_for: string | null }>(
      `SELECT data, escalated_for FROM alert_findings WHERE status <> 'resolved' OR id = ANY($1::text[])`,
      [told],
    );
    return result.rows.map((row) => ({ finding: row.data, escalatedFor: row.escalated_for === null ? null : Number(row.escalated_for) }));
  }

  async loadSilences(client: PoolClient | Pool, now: number): Promise<Silence[]> {
    const result = await client.query<SilenceRow>('SELECT * FROM alert_silences WHERE ends_at > $1 ORDER BY starts_at', [new Date(now)]);
    return result.rows.map(silenceOf);
  }

  async saveEvaluation(client: PoolClient, evaluation: Evaluation, documents: readonly NotificationDocument[], now: number): Promise<number> {
    if (evaluation.closedGroups.length > 0) await client.query('DELETE FROM alert_groups WHERE key = ANY($1::text[])', [evaluation.closedGroups]);
    if (evaluation.groups.length > 0) {
      await client.query(
        `INSERT INTO alert_groups (key, route_id, receiver, labels, created_at, flushed_at, notified_at, notified)
         SELECT g->>'key', g->>'routeId', g->>'receiver', g->'labels', (g->>'createdAt')::bigint, (g->>'flushedAt')::bigint, (g->>'notifiedAt')::bigint,
                ARRAY(SELECT jsonb_array_elements_text(g->'notified'))
         FROM jsonb_array_elements($1::jsonb) AS g
         ON CONFLICT (key) DO UPDATE SET flushed_at = EXCLUDED.flushed_at, notified_at = EXCLUDED.notified_at, notified = EXCLUDED.notified`,
        [JSON.stringify(evaluation.groups)],
      );
    }
    if (evaluation.escalated.size > 0) {
      await client.query(
        `UPDATE alert_findings f SET escalated_for = e.detected_at FROM unnest($1::text[], $2::bigint[]) AS e(id, detected_at) WHERE f.id = e.id`,
        [[...evaluation.escalated.keys()], [...evaluation.escalated.values()]],
      );
    }
    if (documents.length === 0) return 0;
    // The same decision has the same id: a repeated evaluation cannot queue a notification twice.
    const inserted = await client.query(
      `INSERT INTO alert_notifications (id, receiver, kind, group_key, finding_ids, document, status, next_attempt_at, created_at)
       SELECT d->>'id', d->>'receiver', d->>'kind', d->>'groupKey', ARRAY(SELECT jsonb_array_elements(d->'findings')->>'id'), d, 'pending', $2, $2
       FROM jsonb_array_elements($1::jsonb) AS d
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(documents), new Date(now)],
    );
    return inserted.rowCount ?? 0;
  }

  // --- delivery ---

  /** Claims due notifications (pending, or sending with an expired lease) and opens an attempt for each. */
  async claim(limit: number, now: number, leaseMs: number): Promise<ClaimedNotification[]> {
    return this.inTransaction(async (client) => {
      const claimed = await client.query<{ id: string; receiver: string; kind: string; document: NotificationDocument; attempts: number }>(
        `WITH due AS (
           SELECT id FROM alert_notifications
           WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE alert_notifications n SET status = 'sending', attempts = n.attempts + 1, claimed_until = $3, next_attempt_at = $3
         FROM due WHERE n.id = due.id
         RETURNING n.id, n.receiver, n.kind, n.document, n.attempts`,
        [new Date(now), limit, new Date(now + leaseMs)],
      );
      if (claimed.rows.length === 0) return [];
      await client.query(
        `INSERT INTO alert_delivery_attempts (notification_id, attempt, started_at) SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[])`,
        [claimed.rows.map((r) => r.id), claimed.rows.map((r) => r.attempts), claimed.rows.map(() => new Date(now))],
      );
      return claimed.rows.map((row) => ({ id: row.id, receiver: row.receiver, kind: row.kind, document: row.document, attempt: row.attempts }));
    });
  }

  /** Records an attempt's outcome, if the claim is still this attempt's (a lease that ran out was taken over). */
  async record(notification: ClaimedNotification, outcome: RecordedOutcome, now: number): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const at = new Date(now);
      const updated =
        outcome.kind === 'delivered'
          ? await client.query(
              `UPDATE alert_notifications SET status = 'delivered', delivered_at = $3, claimed_until = NULL, last_error = NULL WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
              [notification.id, notification.attempt, at],
            )
          : await client.query(
              `UPDATE alert_notifications SET status = $3, next_attempt_at = $4, claimed_until = NULL, last_error = $5 WHERE id = $1 AND attempts = $2 AND status = 'sending'`,
              [notification.id, notification.attempt, outcome.kind === 'retry' ? 'pending' : 'parked', new Date(outcome.kind === 'retry' ? outcome.at : now), outcome.error],
            );
      await client.query(
        `UPDATE alert_delivery_attempts SET finished_at = $3, outcome = $4, status_code = $5, error = $6 WHERE notification_id = $1 AND attempt = $2`,
        [notification.id, notification.attempt, at, outcome.kind, outcome.statusCode, outcome.kind === 'delivered' ? null : outcome.error],
      );
      return (updated.rowCount ?? 0) > 0;
    });
  }

  async queueDepth(): Promise<{ pending: number; parked: number }> {
    const result = await this.pool.query<{ pending: string; parked: string }>(
      `SELECT count(*) FILTER (WHERE status IN ('pending', 'sending')) AS pending, count(*) FILTER (WHERE status = 'parked') AS parked
       FROM alert_notifications WHERE status IN ('pending', 'sending', 'parked')`,
    );
    return { pending: Number(result.rows[0]?.pending ?? 0), parked: Number(result.rows[0]?.parked ?? 0) };
  }

  // --- the API's reads and writes ---

  async notifications(filter: { status?: string; receiver?: string; findingId?: string; limit: number }): Promise<NotificationView[]> {
    const result = await this.pool.query<NotificationRow>(
      `SELECT id, receiver, kind, group_key, finding_ids, status, attempts, created_at, delivered_at, next_attempt_at, last_error, document->>'summary' AS summary
       FROM alert_notifications
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR receiver = $2) AND ($3::text IS NULL OR finding_ids @> ARRAY[$3::text])
       ORDER BY created_at DESC, id LIMIT $4`,
      [filter.status ?? null, filter.receiver ?? null, filter.findingId ?? null, filter.limit],
    );
    return result.rows.map(notificationView);
  }

  async notification(id: string): Promise<(NotificationView & { document: NotificationDocument; history: AttemptView[] }) | undefined> {
    const result = await this.pool.query<NotificationRow & { document: NotificationDocument }>(
      `SELECT id, receiver, kind, group_key, finding_ids, status, attempts, created_at, delivered_at, next_attempt_at, last_error, document->>'summary' AS summary, document
       FROM alert_notifications WHERE id = $1`,
      [id],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    const attempts = await this.pool.query<{ attempt: number; started_at: Date; finished_at: Date | null; outcome: string | null; status_code: number | null; error: string | null }>(
      'SELECT attempt, started_at, finished_at, outcome, status_code, error FROM alert_delivery_attempts WHERE notification_id = $1 ORDER BY attempt',
      [id],
    );
    return {
      ...notificationView(row),
      document: row.document,
      history: attempts.rows.map((a) => ({
        attempt: a.attempt,
        startedAt: a.started_at.toISOString(),
        finishedAt: a.finished_at?.toISOString() ?? null,
        outcome: a.outcome ?? 'unknown (the process stopped during the attempt)',
        statusCode: a.status_code,
        error: a.error,
      })),
    };
  }

  /** A parked notification back in the queue, for one more round of attempts. */
  async requeue(id: string, now: number): Promise<'requeued' | 'not-parked' | 'unknown'> {
    const result = await this.pool.query(
      `UPDATE alert_notifications SET status = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL WHERE id = $1 AND status = 'parked'`,
      [id, new Date(now)],
    );
    if ((result.rowCount ?? 0) > 0) return 'requeued';
    const exists = await this.pool.query('SELECT 1 FROM alert_notifications WHERE id = $1', [id]);
    return (exists.rowCount ?? 0) > 0 ? 'not-parked' : 'unknown';
  }

  async createSilence(id: string, request: SilenceRequest, createdBy: string, now: number): Promise<Silence> {
    await this.pool.query(
      'INSERT INTO alert_silences (id, matchers, created_by, comment, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, JSON.stringify(request.matchers), createdBy, request.comment, new Date(request.startsAt), new Date(request.endsAt), new Date(now)],
    );
    return { id, matchers: request.matchers, createdBy, comment: request.comment, startsAt: request.startsAt, endsAt: request.endsAt };
  }

  async silences(): Promise<(Silence & { expiredBy: string | null })[]> {
    const result = await this.pool.query<SilenceRow>('SELECT * FROM alert_silences ORDER BY created_at DESC LIMIT 1000');
    return result.rows.map((row) => ({ ...silenceOf(row), expiredBy: row.expired_by }));
  }

  /** Ends a silence now; a silence that already ended stays as it was. */
  async expireSilence(id: string, by: string, now: number): Promise<'expired' | 'already-ended' | 'unknown'> {
    const result = await this.pool.query<{ id: string }>(
      `UPDATE alert_silences SET ends_at = GREATEST(starts_at, $2), expired_by = $3 WHERE id = $1 AND ends_at > $2 RETURNING id`,
      [id, new Date(now), by],
    );
    if ((result.rowCount ?? 0) > 0) return 'expired';
    const exists = await this.pool.query('SELECT 1 FROM alert_silences WHERE id = $1', [id]);
    return (exists.rowCount ?? 0) > 0 ? 'already-ended' : 'unknown';
  }
}

interface SilenceRow {
  id: string;
  matchers: Matcher[];
  created_by: string;
  comment: string;
  starts_at: Date;
  ends_at: Date;
  expired_by: string | null;
}

function silenceOf(row: SilenceRow): Silence {
  return { id: row.id, matchers: row.matchers, createdBy: row.created_by, comment: row.comment, startsAt: row.starts_at.getTime(), endsAt: row.ends_at.getTime() };
}

interface NotificationRow {
  id: string;
  receiver: string;
  kind: string;
  group_key: string;
  finding_ids: string[];
  status: string;
  attempts: number;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date;
  last_error: string | null;
  summary: string;
}

export interface NotificationView {
  readonly id: string;
  readonly receiver: string;
  readonly kind: string;
  readonly groupKey: string;
  readonly summary: string;
  readonly findingIds: readonly string[];
  readonly status: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
}

export interface AttemptView {
  readonly attempt: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly outcome: string;
  readonly statusCode: number | null;
  readonly error: string | null;
}

function notificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    receiver: row.receiver,
    kind: row.kind,
    groupKey: row.group_key,
    summary: row.summary,
    findingIds: row.finding_ids,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' || row.status === 'sending' ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
  };
}
