import { authConfig, Credentials, Role } from '@parity/auth';
import { CHANNEL_TOPICS } from '@parity/contracts';
import { structured } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { eventually, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';

export const AUTH_SECRET = 'feed-test-secret-0123456789abcdefghijkl';
export const API_KEYS = { ops: 'ops-key-0123456789abcdef', auditor: 'auditor-key-0123456789abcd', pricing: 'pricing-key-0123456789abcd' } as const;
export const credentials = new Credentials(authConfig({ PARITY_AUTH_SECRET: AUTH_SECRET }));

export type Channel = 'prices' | 'stock' | 'promotions' | 'returns' | 'products';
const TYPES: Record<Channel, string> = {
  prices: 'retail.price.set.v1',
  stock: 'retail.stock.level.v1',
  promotions: 'retail.promotion.activated.v1',
  returns: 'retail.returns-policy.set.v1',
  products: 'retail.product.upserted.v1',
};
void CHANNEL_TOPICS;

export interface FindingData {
  id: string;
  rule: string;
  status: string;
  severity: string;
  sku: string | null;
  promotionId: string | null;
  category: string | null;
  channels: { channel: string; value: string }[];
  impactAt: string;
  version: number;
  handling: { by: string; reason: string | null; until: string | null } | null;
}

/**
 * Ingest, the reconciler and the feed as real processes on a database and topics of their own,
 * and helpers to publish contract events and call the feed as any role.
 */
export interface FeedFixture {
  readonly pipeline: IngestFixture;
  readonly feed: ServiceProcess;
  readonly base: string;
  readonly findingsOnKafka: Awaited<ReturnType<typeof readTopic>>;
  publish(channel: Channel, source: string, data: Record<string, unknown>, options?: { id?: string; time?: string; type?: string }): Promise<string>;
  headers(role: Role): Record<string, string>;
  get<T = unknown>(path: string, role?: Role): Promise<{ status: number; body: T }>;
  post<T = unknown>(path: string, body: unknown, role?: Role): Promise<{ status: number; body: T }>;
  /** Waits for a finding in the feed's API matching `predicate`. */
  finding(what: string, query: string, predicate: (finding: FindingData) => boolean): Promise<FindingData>;
  close(): Promise<void>;
}

let counter = 0;

export async function feedFixture(extraFeedEnv: Record<string, string> = {}, extraReconcilerEnv: Record<string, string> = {}): Promise<FeedFixture> {
  const pipeline = await ingestFixture();
  pipeline.start();
  pipeline.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()), ...extraReconcilerEnv });
  const port = await freePort();
  const feed = pipeline.start('feed', {
    FEED_HTTP_PORT: String(port),
    PARITY_AUTH_SECRET: AUTH_SECRET,
    PARITY_API_KEYS: `ops-bot:ops:${API_KEYS.ops},audit-bot:auditor:${API_KEYS.auditor},pricing-bot:pricing:${API_KEYS.pricing}`,
    ...extraFeedEnv,
  });
  const base = `http://127.0.0.1:${port}`;
  await eventually(`the feed to be ready (${feed.output().slice(-500)})`, async () => ((await fetch(`${base}/health`)).status === 200 ? true : undefined), 60_000, 200);
  const findingsOnKafka = await readTopic(pipeline.kafka, pipeline.topics.findings);
  const headers = (role: Role) => ({ authorization: `Bearer ${credentials.issue(`${role}-tester`, role, 600)}` });
  const call = async <T>(method: string, path: string, body: unknown, role: Role | undefined) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(role ? headers(role) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const fixture: FeedFixture = {
    pipeline,
    feed,
    base,
    findingsOnKafka,
    publish: async (channel, source, data, options = {}) => {
      const id = options.id ?? `feed-test-${++counter}-${Date.now()}`;
      const key = String(data['sku'] ?? data['promotionId'] ?? data['policyId'] ?? id);
      const event = { specversion: '1.0', id, source, type: options.type ?? TYPES[channel], time: options.time ?? new Date(Date.now() - 60_000).toISOString(), data };
      await pipeline.producer.send({ topic: pipeline.topics[channel], messages: [structured(event, key)] });
      return id;
    },
    headers,
    get: (path, role = 'ops') => call('GET', path, undefined, role),
    post: (path, body, role = 'ops') => call('POST', path, body, role),
    finding: (what, query, predicate) =>
      eventually(what, async () => {
        const page = await call<{ findings: FindingData[] }>('GET', `/api/findings?${query}`, undefined, 'ops');
        return page.body.findings.find(predicate);
      }),
    close: async () => {
      await findingsOnKafka.stop();
      await pipeline.close();
    },
  };
  return fixture;
}
