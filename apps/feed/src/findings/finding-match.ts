import { FindingFilter } from './finding-query';
import { FindingView } from './finding-view';

/** The list's filter applied to one finding: what the live stream sends a client. */
export function matches(filter: FindingFilter, finding: FindingView): boolean {
  const within = <T>(allowed: readonly T[] | undefined, value: T | null) => allowed === undefined || (value !== null && allowed.includes(value));
  if (!within(filter.statuses, finding.status)) return false;
  if (!within(filter.rules, finding.rule)) return false;
  if (!within(filter.severities, finding.severity)) return false;
  if (!within(filter.categories, finding.category)) return false;
  if (!within(filter.skus, finding.sku)) return false;
  if (!within(filter.promotionIds, finding.promotionId)) return false;
  const channels = finding.channels.map((c) => c.channel);
  if (filter.channels && !filter.channels.some((channel) => channels.includes(channel))) return false;
  if (filter.stores && !filter.stores.some((store) => channels.includes(`store/${store}`))) return false;
  const impactAt = Date.parse(finding.impactAt);
  if (filter.impactFrom !== undefined && impactAt < filter.impactFrom) return false;
  if (filter.impactTo !== undefined && impactAt >= filter.impactTo) return false;
  return true;
}
