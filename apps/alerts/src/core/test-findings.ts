import { AlertFinding } from './alert-finding';

/** A finding for specs: a price mismatch on SKU-1 between eshop and a store, open, high. */
export function aFinding(overrides: Partial<AlertFinding> = {}): AlertFinding {
  return {
    id: 'f-1',
    rule: 'price-mismatch',
    status: 'open',
    severity: 'high',
    subject: { kind: 'sku', id: overrides.sku ?? 'SKU-1' },
    sku: 'SKU-1',
    promotionId: null,
    policyId: null,
    category: 'shoes',
    channels: [
      { channel: 'eshop', value: '129.99 PLN' },
      { channel: 'store/WAW-012', value: '139.99 PLN' },
    ],
    impactAt: 1_000,
    detectedAt: 1_000,
    resolvedAt: null,
    evidence: [{ source: 'eshop', id: 'p-1' }],
    parameters: {},
    version: 1,
    ...overrides,
  };
}
