import { AlertFinding } from './alert-finding';
import { PlannedNotification } from './evaluation';

export interface DocumentFinding {
  readonly id: string;
  readonly rule: string;
  readonly status: string;
  readonly severity: string;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly sku: string | null;
  readonly promotionId: string | null;
  readonly policyId: string | null;
  readonly category: string | null;
  readonly channels: readonly { readonly channel: string; readonly value: string }[];
  readonly impactAt: string;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly evidence: readonly { readonly source: string; readonly id: string }[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly dashboardUrl: string;
}

/** What a notification says, whatever the receiver: the generic webhook's JSON body. */
export interface NotificationDocument {
  readonly version: '1';
  readonly id: string;
  readonly kind: PlannedNotification['kind'];
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly reason: string;
  readonly summary: string;
  readonly createdAt: string;
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly counts: { readonly firing: number; readonly resolved: number };
  readonly dashboardUrl: string;
  readonly findings: readonly DocumentFinding[];
}

export function notificationDocument(notification: PlannedNotification, dashboardUrl: string): NotificationDocument {
  const base = dashboardUrl.replace(/\/+$/, '');
  const rules = [...new Set([...notification.firing, ...notification.resolved].map((f) => f.rule))].sort();
  const status = notification.kind === 'resolved' ? 'resolved' : 'firing';
  // By name: group labels come back from jsonb in its own key order.
  const groupLabels = Object.fromEntries(Object.entries(notification.groupLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const labels = Object.entries(groupLabels)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const count = status === 'resolved' ? notification.resolved.length : notification.firing.length;
  const what = notification.kind === 'escalation' ? 'unacknowledged severe' : rules.join(', ');
  const summary = `[${notification.kind.toUpperCase()}] ${count} ${what} finding${count === 1 ? '' : 's'}${status === 'resolved' ? ' resolved' : ''}${labels ? ` (${labels})` : ''}`;
  const query = new URLSearchParams(Object.entries(groupLabels).filter(([, value]) => value !== '')).toString();
  return {
    version: '1',
    id: notification.id,
    kind: notification.kind,
    status,
    receiver: notification.receiver,
    reason: notification.reason,
    summary,
    createdAt: new Date(notification.createdAt).toISOString(),
    groupKey: notification.groupKey,
    groupLabels,
    counts: { firing: notification.firing.length, resolved: notification.resolved.length },
    dashboardUrl: `${base}/findings${query ? `?${query}` : ''}`,
    findings: [...notification.firing, ...notification.resolved].map((finding) => documentFinding(finding, base)),
  };
}

function documentFinding(finding: AlertFinding, base: string): DocumentFinding {
  return {
    id: finding.id,
    rule: finding.rule,
    status: finding.status,
    severity: finding.severity,
    subject: finding.subject,
    sku: finding.sku,
    promotionId: finding.promotionId,
    policyId: finding.policyId,
    category: finding.category,
    channels: finding.channels,
    impactAt: new Date(finding.impactAt).toISOString(),
    detectedAt: new Date(finding.detectedAt).toISOString(),
    resolvedAt: finding.resolvedAt === null ? null : new Date(finding.resolvedAt).toISOString(),
    evidence: finding.evidence,
    parameters: finding.parameters,
    dashboardUrl: `${base}/findings/${encodeURIComponent(finding.id)}`,
  };
}

const CHAT_FINDINGS = 10;

/** A Slack-compatible incoming-webhook message: `text` for notifications, `blocks` for the layout. */
export function chatMessage(document: NotificationDocument): { text: string; blocks: unknown[] } {
  const lines = document.findings.slice(0, CHAT_FINDINGS).map((finding) => {
    const values = finding.channels.map((c) => `${c.channel}: ${c.value}`).join(' | ');
    return `• <${finding.dashboardUrl}|${finding.rule} ${finding.subject.kind} ${finding.subject.id}> *${finding.severity}* ${finding.status}: ${values}`;
  });
  const more = document.findings.length - CHAT_FINDINGS;
  if (more > 0) lines.push(`…and ${more} more`);
  return {
    text: document.summary,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: document.summary.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 2900) || '(no findings)' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${document.dashboardUrl}|Open in the Parity dashboard> · ${document.reason} · ${document.id}` }] },
    ],
  };
}

/** An e-mail: a subject and a plain-text body listing every finding with its channels and values. */
export function emailMessage(document: NotificationDocument): { subject: string; text: string } {
  const body = document.findings.map((finding) =>
    [
      `${finding.rule} (${finding.severity}, ${finding.status}) ${finding.subject.kind} ${finding.subject.id}`,
      ...finding.channels.map((c) => `  ${c.channel}: ${c.value}`),
      `  evidence: ${finding.evidence.map((e) => `${e.source}/${e.id}`).join(', ') || 'none'}`,
      `  ${finding.dashboardUrl}`,
    ].join('\n'),
  );
  return {
    subject: `[Parity] ${document.summary}`,
    text: [document.summary, `Dashboard: ${document.dashboardUrl}`, '', ...body, '', `Notification ${document.id} (${document.reason})`].join('\n'),
  };
}
