import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Producer } from 'kafkajs';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, createTopics, eventually, ServiceProcess, startService, testKafka, TestDatabase, uniqueName } from '@parity/testing';

export const AUTH_SECRET = 'alerts-test-secret-that-is-long-enough-0123';
export const KEYS = { ops: 'ops-key-0123456789abcdef', pricing: 'pricing-key-0123456789ab', auditor: 'auditor-key-0123456789ab', admin: 'admin-key-0123456789abcd' };

export function webhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface AlertsFixture {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly database: TestDatabase;
  readonly topic: string;
  readonly routingFile: string;
  readonly baseUrl: string;
  service: ServiceProcess;
  start(): Promise<ServiceProcess>;
  writeRouting(yaml: string): void;
  api(method: string, path: string, role?: keyof typeof KEYS, body?: unknown): Promise<{ status: number; body: any }>;
  publish(events: readonly FindingEventInput[]): Promise<void>;
  close(): Promise<void>;
}

/** A topic, a database and a routing file of its own, and the real alerts process. */
export async function alertsFixture(routing: string, env: Record<string, string> = {}, partitions = 3): Promise<AlertsFixture> {
  const kafka = testKafka();
  const prefix = uniqueName('alerts');
  const topic = `${prefix}.findings`;
  await createTopics(kafka, [topic], partitions);
  const database = await createTestDatabase('parity_alerts');
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const routingFile = join(mkdtempSync(join(tmpdir(), 'parity-alerts-')), 'alerts.yaml');
  writeFileSync(routingFile, routing);
  const httpPort = await freePort();
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const serviceEnv = {
    DATABASE_URL: database.url,
    FINDINGS_TOPIC: topic,
    ALERTS_GROUP_ID: `${prefix}-group`,
    ALERTS_HTTP_PORT: String(httpPort),
    ALERTS_SESSION_TIMEOUT_MS: '6000',
    ALERTS_EVALUATION_MS: '200',
    ALERTS_DELIVERY_POLL_MS: '50',
    ALERTS_ALLOWED_NETWORKS: '127.0.0.0/8',
    PARITY_ALERTS_CONFIG: routingFile,
    PARITY_AUTH_SECRET: AUTH_SECRET,
    PARITY_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${role}-caller:${role}:${key}`).join(','),
    PARITY_DASHBOARD_URL: 'http://dashboard.test:3003',
    ...env,
  };
  const running: ServiceProcess[] = [];
  const fixture: AlertsFixture = {
    kafka,
    producer,
    database,
    topic,
    routingFile,
    baseUrl,
    service: undefined as unknown as ServiceProcess,
    start: async () => {
      const service = startService('alerts', serviceEnv);
      running.push(service);
      fixture.service = service;
      await eventually(
        'the alerts service to answer',
        async () => {
          if (service.child.exitCode !== null) throw new Error(`alerts exited: ${service.output()}`);
          const status = await fetch(`${baseUrl}/health`).then((r) => r.status, () => 0);
          return status === 200 ? true : undefined;
        },
        60_000,
        200,
      );
      return service;
    },
    writeRouting: (yaml) => writeFileSync(routingFile, yaml),
    api: async (method, path, role = 'admin', body) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'x-api-key': KEYS[role], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
    publish: async (events) => {
      for (let i = 0; i < events.length; i += 500) {
        await producer.send({ topic, messages: events.slice(i, i + 500).map((event) => ({ key: event.id, value: findingCloudEvent(event) })) });
      }
    },
    close: async () => {
      for (const service of running) await service.kill('SIGTERM');
      await producer.disconnect();
      await database.drop();
    },
  };
  return fixture;
}

export interface FindingEventInput {
  readonly id: string;
  readonly rule?: string;
  readonly status?: 'open' | 'acknowledged' | 'resolved' | 'suppressed';
  readonly severity?: string;
  readonly sku?: string;
  readonly promotionId?: string | null;
  readonly category?: string | null;
  readonly channels?: { channel: string; value: string }[];
  readonly version?: number;
  readonly detectedAt?: string;
}

/** A finding CloudEvent in the reconciler's format (see README, "Storage and publication"). */
export function findingCloudEvent(input: FindingEventInput): string {
  const status = input.status ?? 'open';
  const version = input.version ?? 1;
  const now = new Date().toISOString();
  const sku = input.sku ?? 'SKU-1';
  const type = status === 'resolved' ? 'parity.finding.resolved.v1' : version === 1 ? 'parity.finding.opened.v1' : 'parity.finding.updated.v1';
  return JSON.stringify({
    specversion: '1.0',
    id: `${input.id}:${version}`,
    source: 'parity/reconciler',
    type,
    time: now,
    subject: input.id,
    datacontenttype: 'application/json',
    data: {
      id: input.id,
      rule: input.rule ?? 'promotion-mismatch',
      status,
      severity: input.severity ?? 'medium',
      subject: { kind: 'sku', id: sku },
      sku,
      promotionId: input.promotionId === undefined ? 'P-1' : input.promotionId,
      policyId: null,
      category: input.category === undefined ? null : input.category,
      channels: input.channels ?? [
        { channel: 'eshop', value: '20% off' },
        { channel: 'store/WAW-012', value: 'no promotion' },
      ],
      impactAt: now,
      detectedAt: input.detectedAt ?? now,
      resolvedAt: status === 'resolved' ? now : null,
      evidence: [`ev-${input.id}`],
      evidenceEvents: [{ source: 'eshop', id: `ev-${input.id}` }],
      handling: null,
      parameters: { tolerance: '0.00' },
      version,
    },
  });
}

export function metricValue(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (wanted.every(([key, value]) => present[key] === value)) total += Number(match[4]);
  }
  return total;
}
