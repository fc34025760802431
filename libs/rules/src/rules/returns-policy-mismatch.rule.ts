import { anyMatches, Channel, expandChannels } from '../channels';
import { ChannelValue, cmp, Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { ReturnsPolicyFact } from '../facts';
import { ReturnsState } from '../state';

/** Stands for every product: the category the all-products policies are compared under. */
export const ALL_PRODUCTS = '*';

type Reason = 'window' | 'receipt' | 'refund-methods';

/** What a comparison is about: a category ('*' for all products) or one SKU a policy names. */
interface Scope {
  readonly kind: 'category' | 'sku';
  readonly id: string;
}

/**
 * returns-policy-mismatch: for the same product, channels apply different return windows,
 * receipt rules or refund methods (each channel that differs from the most common policy is one
 * finding), or a channel promises returns in another channel whose own policy refuses them
 * (promise-not-kept). Compared per category named in any policy, plus '*' for all products, and
 * per SKU named in any policy (`appliesTo.skus`). A channel's policy for a category is its policy
 * naming that category, else its all-products one; for a SKU, its policy naming that SKU, else its
 * all-products one when it has no category policy (which one applies then depends on the SKU's
 * category, which the returns policies do not know: such a channel is left out, not guessed).
 */
export function returnsPolicyMismatch(state: ReturnsState, context: DetectionContext): Detection[] {
  const byChannel = policiesByChannel(state);
  const channels = [...byChannel.keys()].sort();
  const detections: Detection[] = [];
  for (const scope of scopesOf(state)) {
    const effective = new Map<Channel, ReturnsPolicyFact>();
    // Channels whose policy for the scope depends on what the returns state does not know: not judged.
    const undetermined = new Set<Channel>();
    for (const channel of channels) {
      const policy = effectivePolicy(byChannel.get(channel) ?? [], scope);
      if (policy === UNDETERMINED) undetermined.add(channel);
      else if (policy) effective.set(channel, policy);
    }
    // Identity is rule + subject + channel names: a broken promise says more than a differing window.
    const byPair = new Map<string, Detection>();
    for (const detection of differences(scope, effective, context)) byPair.set(pairOf(detection), detection);
    for (const detection of brokenPromises(scope, effective, undetermined, context)) {
      const existing = byPair.get(pairOf(detection));
      byPair.set(pairOf(detection), existing?.parameters['reason'] === 'promise-not-kept' ? bothWays(existing, detection) : detection);
    }
    detections.push(...byPair.values());
  }
  return detections;
}

/** (a) Each channel whose policy differs from the reference: the most common one. */
function differences(scope: Scope, effective: ReadonlyMap<Channel, ReturnsPolicyFact>, context: DetectionContext): Detection[] {
  const reference = referenceOf(effective);
  if (!reference) return [];
  const detections: Detection[] = [];
  for (const [channel, policy] of effective) {
    if (channel === reference.channel) continue;
    const reason = reasonOf(reference, policy);
    if (!reason || !isReported(scope, [reference, policy])) continue;
    const impactAt = Math.max(reference.eventTime, policy.eventTime);
    const level = reason === 'window' && Math.abs(reference.returnWindowDays - policy.returnWindowDays) >= 14 ? 2 : 1;
    detections.push({
      rule: 'returns-policy-mismatch',
      subject: scope,
      sku: scope.kind === 'sku' ? scope.id : undefined,
      promotionId: undefined,
      policyId: policy.policyId,
      channels: sortedChannels([
        { channel: reference.channel, value: describe(reference) },
        { channel, value: describe(policy) },
      ]),
      impactAt,
      severity: severityOf(level, impactAt, context.asOf),
      evidence: sortedEvidence([reference.evidence, policy.evidence]),
      parameters: { [scope.kind]: scope.id, reason, referencePolicyId: reference.policyId, policyId: policy.policyId },
    });
  }
  return detections;
}

/** (b) Each channel a policy promises returns at whose own policy does not take those purchases back. */
function brokenPromises(scope: Scope, effective: ReadonlyMap<Channel, ReturnsPolicyFact>, undetermined: ReadonlySet<Channel>, context: DetectionContext): Detection[] {
  const detections: Detection[] = [];
  for (const [channel, promise] of effective) {
    for (const at of expandChannels(promise.returnableAt, context.knownChannels)) {
      if (at === channel || undetermined.has(at)) continue;
      const policy = effective.get(at);
      if (policy && anyMatches(policy.acceptsReturnsOf, channel)) continue;
      if (!isReported(scope, policy ? [promise, policy] : [promise])) continue;
      const impactAt = Math.max(promise.eventTime, policy?.eventTime ?? promise.eventTime);
      detections.push({
        rule: 'returns-policy-mismatch',
        subject: scope,
        sku: scope.kind === 'sku' ? scope.id : undefined,
        promotionId: undefined,
        policyId: promise.policyId,
        channels: sortedChannels([
          { channel, value: `promises returns at ${at}` },
          { channel: at, value: `does not accept returns of ${channel}` },
        ]),
        impactAt,
        severity: severityOf(2, impactAt, context.asOf),
        evidence: sortedEvidence([promise.evidence, ...(policy ? [policy.evidence] : [])]),
        parameters: { [scope.kind]: scope.id, reason: 'promise-not-kept', promisedBy: channel },
      });
    }
  }
  return detections;
}

/**
 * Two channels that each promise returns at the other and both refuse: one identity, so one
 * finding that shows both promises rather than hiding one of them.
 */
function bothWays(first: Detection, second: Detection): Detection {
  const valueOf = (detection: Detection, channel: string) => detection.channels.find((c) => c.channel === channel)?.value ?? '';
  const channels: ChannelValue[] = first.channels.map(({ channel }) => ({
    channel,
    value: `${valueOf(first, channel)}; ${valueOf(second, channel)}`,
  }));
  const promisedBy = [first.parameters['promisedBy'], second.parameters['promisedBy']].map(String).sort();
  return {
    ...first,
    channels,
    impactAt: Math.max(first.impactAt, second.impactAt),
    evidence: sortedEvidence([...first.evidence, ...second.evidence]),
    parameters: { ...first.parameters, promisedBy: promisedBy.join(',') },
  };
}

function policiesByChannel(state: ReturnsState): Map<Channel, ReturnsPolicyFact[]> {
  const byChannel = new Map<Channel, ReturnsPolicyFact[]>();
  for (const policy of Object.values(state.policies)) byChannel.set(policy.channel, [...(byChannel.get(policy.channel) ?? []), policy]);
  return byChannel;
}

/** '*', then every category and every SKU some policy names, each in order. */
function scopesOf(state: ReturnsState): Scope[] {
  const categories = new Set<string>([ALL_PRODUCTS]);
  const skus = new Set<string>();
  for (const policy of Object.values(state.policies)) {
    for (const category of policy.categories) categories.add(category);
    for (const sku of policy.skus) skus.add(sku);
  }
  return [
    ...[...categories].sort().map((id): Scope => ({ kind: 'category', id })),
    ...[...skus].sort().map((id): Scope => ({ kind: 'sku', id })),
  ];
}

function isAllProducts(policy: ReturnsPolicyFact): boolean {
  return policy.categories.length === 0 && policy.skus.length === 0;
}

/** For a SKU, a channel with category policies and none naming it: which applies is not known here. */
const UNDETERMINED = Symbol('undetermined');

/**
 * The channel's policy naming the scope (smallest policyId), else its all-products policy when
 * that surely applies; UNDETERMINED when it may not (see above); undefined when it has none.
 */
function effectivePolicy(policies: readonly ReturnsPolicyFact[], scope: Scope): ReturnsPolicyFact | typeof UNDETERMINED | undefined {
  const byId = [...policies].sort((a, b) => cmp(a.policyId, b.policyId));
  if (scope.kind === 'category') return byId.find((policy) => policy.categories.includes(scope.id)) ?? byId.find(isAllProducts);
  const named = byId.find((policy) => policy.skus.includes(scope.id));
  if (named) return named;
  return byId.some((policy) => policy.categories.length > 0) ? UNDETERMINED : byId.find(isAllProducts);
}

/**
 * A dead end between all-products policies only is the same dead end under every category and SKU:
 * it is reported once, under '*', not again for each category or SKU some other policy names.
 */
function isReported(scope: Scope, involved: readonly ReturnsPolicyFact[]): boolean {
  return (scope.kind === 'category' && scope.id === ALL_PRODUCTS) || !involved.every(isAllProducts);
}

/** The most common window-receipt-refund combination; ties: the first channel alphabetically. */
function referenceOf(effective: ReadonlyMap<Channel, ReturnsPolicyFact>): ReturnsPolicyFact | undefined {
  const counts = new Map<string, { count: number; first: ReturnsPolicyFact }>();
  for (const channel of [...effective.keys()].sort()) {
    const policy = effective.get(channel);
    if (!policy) continue;
    const key = JSON.stringify([policy.returnWindowDays, policy.receiptRequired ?? null, policy.refundMethods ? uniqueJoined(policy.refundMethods) : null]);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { count: 1, first: policy });
  }
  let best: { count: number; first: ReturnsPolicyFact } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.first.channel < best.first.channel)) best = entry;
  }
  return best?.first;
}

/** The first rule that differs; a receipt rule or refund methods a channel does not state are not compared. */
function reasonOf(reference: ReturnsPolicyFact, policy: ReturnsPolicyFact): Reason | undefined {
  if (reference.returnWindowDays !== policy.returnWindowDays) return 'window';
  if (reference.receiptRequired !== undefined && policy.receiptRequired !== undefined && reference.receiptRequired !== policy.receiptRequired) {
    return 'receipt';
  }
  // refundMethods are sorted when read, so comparing in order compares the sets.
  if (reference.refundMethods && policy.refundMethods && uniqueJoined(reference.refundMethods) !== uniqueJoined(policy.refundMethods)) {
    return 'refund-methods';
  }
  return undefined;
}

function uniqueJoined(methods: readonly string[]): string {
  return [...new Set(methods)].join('+');
}

/** "30 days, receipt required, original-payment+store-credit": only what the policy states. */
function describe(policy: ReturnsPolicyFact): string {
  const parts = [`${policy.returnWindowDays} ${policy.returnWindowDays === 1 ? 'day' : 'days'}`];
  if (policy.receiptRequired !== undefined) parts.push(policy.receiptRequired ? 'receipt required' : 'no receipt required');
  if (policy.refundMethods) parts.push(uniqueJoined(policy.refundMethods));
  return parts.join(', ');
}

function pairOf(detection: Detection): string {
  return detection.channels.map((c) => c.channel).join('\u0000');
}
