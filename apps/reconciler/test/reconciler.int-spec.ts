import { examples, structured } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { eventually, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';

interface FindingEvent {
  id: string;
  type: string;
  subject: string;
  data: { id: string; rule: string; status: string; sku: string | null; policyId: string | null; channels: { channel: string; value: string }[]; impactAt: string; version: number };
}

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

function priceEvent(id: string, source: string, sku: string, amount: string, time: string, window: { from?: string; to?: string } = {}) {
  const base = examples.priceSet();
  return structured(
    { ...base, id, source, time, subject: sku, data: { sku, amount, currency: 'PLN', ...(window.from ? { effectiveFrom: window.from } : {}), ...(window.to ? { effectiveTo: window.to } : {}) } },
    sku,
  );
}

describe('reconciler: contract events in, findings out on Kafka', () => {
  let fixture: IngestFixture;
  let reconciler: ServiceProcess;
  let findings: Awaited<ReturnType<typeof readTopic>>;
  const parsed = () => findings.messages.map((m) => JSON.parse(m.value!.toString()) as FindingEvent);

  beforeAll(async () => {
    fixture = await ingestFixture();
    fixture.start();
    reconciler = fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()) });
    findings = await readTopic(fixture.kafka, fixture.topics.findings);
  });
  afterAll(async () => {
    await findings.stop();
    await fixture.close();
  });

  it('opens a price mismatch, then resolves it when the store converges', async () => {
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [
        priceEvent('p-1', 'eshop', 'SKU-A', '129.99', iso(-2 * HOUR)),
        priceEvent('p-2', 'store/WAW-012', 'SKU-A', '139.99', iso(-HOUR)),
      ],
    });
    const opened = await eventually('an opened price mismatch', async () =>
      parsed().find((event) => event.type === 'parity.finding.opened.v1' && event.data.sku === 'SKU-A' && event.data.rule === 'price-mismatch'),
    );
    expect(opened.data).toMatchObject({
      rule: 'price-mismatch',
      status: 'open',
      channels: [
        { channel: 'eshop', value: '129.99 PLN' },
        { channel: 'store/WAW-012', value: '139.99 PLN' },
      ],
      version: 1,
    });
    expect(opened.subject).toBe(opened.data.id);
    expect(findings.messages.find((m) => m.value?.toString().includes(opened.data.id))?.key?.toString()).toBe(opened.data.id);

    await fixture.producer.send({ topic: fixture.topics.prices, messages: [priceEvent('p-3', 'store/WAW-012', 'SKU-A', '129.99', iso(-HOUR / 2))] });
    const resolved = await eventually('the finding resolved', async () =>
      parsed().find((event) => event.type === 'parity.finding.resolved.v1' && event.data.id === opened.data.id),
    );
    expect(resolved.data).toMatchObject({ status: 'resolved', version: 2 });

    const row = await fixture.database.admin.query<{ status: string; version: number }>('SELECT status, version FROM findings WHERE id = $1', [opened.data.id]);
    expect(row.rows).toEqual([{ status: 'resolved', version: 2 }]);
  });

  it('keeps the policy a returns finding names current in its row, so it is the same after a restart', async () => {
    const policy = (id: string, source: string, policyId: string, days: number, time: string) => {
      const base = examples.returnsPolicySet();
      return { ...structured({ ...base, id, source, time, subject: policyId, data: { ...(base.data as object), policyId, returnWindowDays: days } }, policyId), partition: 0 };
    };
    const send = async (message: ReturnType<typeof policy>, inLog: number) => {
      await fixture.producer.send({ topic: fixture.topics.returns, messages: [message] });
      await eventually(`${inLog} returns policies in the log`, async () => {
        const n = await fixture.database.admin.query<{ n: string }>("SELECT count(*) AS n FROM event_log WHERE type = 'retail.returns-policy.set.v1'");
        return Number(n.rows[0]!.n) >= inLog ? true : undefined;
      });
    };
    const ofPair = () => parsed().filter((e) => e.data.rule === 'returns-policy-mismatch' && e.data.channels.map((c) => c.channel).join() === 'eshop,store/A');
    // The e-shop's 30 days against store A's 14: a tie, the e-shop is the reference and store A's policy differs.
    await send(policy('r-1', 'eshop', 'RET-WEB', 30, iso(-3 * HOUR)), 1);
    await send(policy('r-2', 'store/A', 'RET-STD', 14, iso(-2 * HOUR)), 2);
    await eventually('the finding naming RET-STD', async () => (ofPair().some((e) => e.data.policyId === 'RET-STD') ? true : undefined));
    // Store B gives 14 days too: now the e-shop's policy is the odd one, in the same finding.
    await send(policy('r-3', 'store/B', 'RET-STD', 14, iso(-HOUR)), 3);
    const updated = await eventually('the finding naming RET-WEB', async () => ofPair().find((e) => e.data.policyId === 'RET-WEB'));
    const row = await fixture.database.admin.query<{ policy_id: string }>('SELECT policy_id FROM findings WHERE id = $1', [updated.data.id]);
    expect(row.rows).toEqual([{ policy_id: 'RET-WEB' }]);

    // A restart reloads the finding from its row: its resolution names the policy a clean run names.
    await reconciler.kill('SIGKILL');
    reconciler = fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()) });
    await send(policy('r-4', 'eshop', 'RET-WEB', 14, iso(-HOUR / 2)), 4);
    const resolved = await eventually('the returns finding resolved', async () => ofPair().find((e) => e.type === 'parity.finding.resolved.v1'), 60_000);
    expect(resolved.data).toMatchObject({ id: updated.data.id, status: 'resolved', policyId: 'RET-WEB' });
  });

  it('finds a Black Friday price loaded in the e-shop only before customers meet it', async () => {
    const from = iso(5 * 24 * HOUR);
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [
        priceEvent('b-1', 'eshop', 'SKU-B', '499.99', iso(-3 * HOUR)),
        priceEvent('b-2', 'app', 'SKU-B', '499.99', iso(-3 * HOUR)),
        priceEvent('b-3', 'eshop', 'SKU-B', '399.99', iso(-HOUR), { from, to: iso(8 * 24 * HOUR) }),
      ],
    });
    const opened = await eventually('a scheduled price mismatch', async () =>
      parsed().find((event) => event.type === 'parity.finding.opened.v1' && event.data.sku === 'SKU-B' && event.data.rule === 'price-mismatch'),
    );
    expect(Date.parse(opened.data.impactAt)).toBe(Date.parse(from));
    expect(Date.parse(opened.data.impactAt)).toBeGreaterThan(Date.now());
    expect(opened.data.channels).toEqual([
      { channel: 'app', value: '499.99 PLN' },
      { channel: 'eshop', value: '399.99 PLN' },
    ]);
    expect(reconciler.child.exitCode).toBeNull();
  });
});
