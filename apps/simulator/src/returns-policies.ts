import { ReturnsPolicySetData } from '@parity/contracts';
import { MARKETPLACE } from './channels';

const ONLINE = ['eshop', 'app', 'contact-center'];

/**
 * Each channel's view of the standard 30-day policy. They agree: online purchases may be returned
 * in any store and every store takes them back; the marketplace handles its own returns only.
 */
export function returnsPolicyOf(channel: string): ReturnsPolicySetData {
  const common = {
    appliesTo: { categories: [], skus: [] },
    returnWindowDays: 30,
    receiptRequired: true,
    refundMethods: ['original-payment', 'store-credit'],
  };
  if (channel === MARKETPLACE) {
    return { policyId: 'RET-MARKETPLACE', ...common, acceptsReturnsOf: [MARKETPLACE], returnableAt: [MARKETPLACE] };
  }
  if (channel.startsWith('store/')) {
    return { policyId: 'RET-STD', ...common, acceptsReturnsOf: [...ONLINE, 'store/*'], returnableAt: ['store/*'] };
  }
  return { policyId: 'RET-STD', ...common, acceptsReturnsOf: ONLINE, returnableAt: [...ONLINE, 'store/*'] };
}
