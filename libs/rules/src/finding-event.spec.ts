import Ajv from 'ajv';
import { parseRfc3339 } from '@parity/contracts';
import { Detection } from './detection';
import { FindingChange, reconcile } from './finding';
import { asyncApiDocument } from '../../../scripts/asyncapi';
import { findingCloudEvent, slowCloudEvent } from './finding-event';

const detection: Detection = {
  rule: 'price-mismatch',
  subject: { kind: 'sku', id: 'SKU-1' },
  sku: 'SKU-1',
  promotionId: undefined,
  policyId: undefined,
  channels: [
    { channel: 'eshop', value: '129.99 PLN' },
    { channel: 'store/WAW-012', value: '139.99 PLN' },
  ],
  impactAt: Date.UTC(2026, 10, 27),
  severity: 'high',
  evidence: [{ source: 'eshop', id: 'p-1' }],
  parameters: { referenceChannel: 'eshop', differencePercent: 7.69 },
};

describe('finding CloudEvents', () => {
  const document = asyncApiDocument() as { components: { schemas: Record<string, object> } };
  const ajv = new Ajv({ strict: false });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseRfc3339(value) !== undefined });
  const validFinding = ajv.compile(document.components.schemas['Finding']!);
  // The whole CloudEvent against the findings channel's message, its data against Finding.
  const findingsChannel = (document as unknown as { channels: Record<string, { messages: Record<string, { payload: object }> }> }).channels['findings']!;
  ajv.addSchema(document.components.schemas['Finding']!, '#/components/schemas/Finding');
  const validEnvelope = ajv.compile(findingsChannel.messages['finding']!.payload);

  it('publish data that matches the Finding schema of docs/asyncapi.yaml, opened and resolved', () => {
    const [opened] = reconcile('sku:SKU-1', [], [detection], Date.UTC(2026, 10, 20));
    const [resolved] = reconcile('sku:SKU-1', [opened!.finding], [], Date.UTC(2026, 10, 21));
    for (const [change, version] of [[opened!, 1], [resolved!, 2]] as const) {
      const event = JSON.parse(findingCloudEvent(change, version, Date.UTC(2026, 10, 21))) as { id: string; type: string; subject: string; data: unknown };
      expect(validFinding(event.data) ? 'valid' : validFinding.errors).toBe('valid');
      expect(validEnvelope(event) ? 'valid' : validEnvelope.errors).toBe('valid');
      // The envelope's schema bites: another source, or data that is no finding, is not valid.
      expect(validEnvelope({ ...event, source: 'eshop' })).toBe(false);
      expect(validEnvelope({ ...event, data: { ...(event.data as object), status: 'closed' } })).toBe(false);
      expect(event).toMatchObject({ id: `${change.finding.id}:${version}`, subject: change.finding.id, type: `parity.finding.${change.type}.v1` });
    }
  });

  it('serialise a finding the same whatever the key order of what was read back', () => {
    const [opened] = reconcile('sku:SKU-1', [], [detection], Date.UTC(2026, 10, 20));
    const reordered = { ...opened!, finding: { ...opened!.finding, parameters: { differencePercent: 7.69, referenceChannel: 'eshop' } } };
    expect(findingCloudEvent(reordered, 1, 0)).toBe(findingCloudEvent(opened!, 1, 0));
  });
});

describe('finding CloudEvents, written by hand', () => {
  const base = reconcile('sku:SKU-1', [], [detection], Date.UTC(2026, 10, 20))[0]!;
  const variants: [string, FindingChange][] = [
    ['opened', base],
    ['resolved', { type: 'resolved', finding: { ...base.finding, status: 'resolved', resolvedAt: Date.UTC(2026, 10, 22) } }],
    [
      'handled, with a category and text that needs escaping',
      {
        type: 'updated',
        finding: {
          ...base.finding,
          status: 'suppressed',
          category: 'tv "OLED"\n',
          channels: [{ channel: 'store/\u00e9\t1', value: '\\ 1\u2028' }],
          handling: { by: 'ops@example.com', at: Date.UTC(2026, 10, 21), assignee: undefined, reason: 'waiting', until: Date.UTC(2026, 11, 1) },
        },
      },
    ],
    ['an assignee, no expiry', { type: 'updated', finding: { ...base.finding, handling: { by: 'a', at: 0, assignee: 'b', reason: undefined, until: undefined } } }],
    ['parameters of every kind, one undefined', { type: 'updated', finding: { ...base.finding, parameters: { z: true, a: 'x', m: 1.5e-7, n: -0, u: undefined as unknown as string } } }],
    ['a parameter named like an array index', { type: 'updated', finding: { ...base.finding, parameters: { b: 1, '10': 2, '2': 3 } } }],
    ['a promotion with no SKU', { type: 'opened', finding: { ...base.finding, sku: undefined, promotionId: 'BF', subject: { kind: 'promotion', id: 'BF' } } }],
    ['an open end', { type: 'opened', finding: { ...base.finding, impactAt: Number.MAX_SAFE_INTEGER } }],
    [
      'surrogates paired and lone, DEL, quotes in parameters',
      { type: 'updated', finding: { ...base.finding, evidence: [{ source: 'e\ud83d\ude00', id: 'x\ud800' }], parameters: { 'k"ey': 'v\u007f"\\', p: '\udc00' } } },
    ],
  ];

  it.each(variants)('give the bytes JSON.stringify of findingData gives: %s', (_name, change) => {
    expect(findingCloudEvent(change, 7, Date.UTC(2026, 10, 23, 1, 2, 3, 4))).toBe(slowCloudEvent(change, 7, Date.UTC(2026, 10, 23, 1, 2, 3, 4)));
  });
});
