import { listedWithoutPrice, storeLaunchWithoutPrice } from './dead-ends/assortment.dead-ends';
import {
  appExclusivePrice,
  onlineOnlyPromotion,
  samePriceWrittenDifferently,
  storeCategoryPolicyAsStandard,
  storeExclusiveSalePrice,
  stockWithinTolerance,
} from './dead-ends/intended-differences';
import { salePriceMissingInOneStore, salePriceMissingInStores, staleContactCenterPrice, storeShowsOtherPrice } from './dead-ends/price.dead-ends';
import { salePromotionMissingSkuInStore, salePromotionNotRunByStore, salePromotionOtherDiscount, storePromotionNotRunByOneStore } from './dead-ends/promotion.dead-ends';
import { storeRefusesOnlineReturns, storeShorterReturnWindow, storeShorterReturnWindowForSku } from './dead-ends/returns.dead-ends';
import { clickAndCollectWithoutStock, stockViewsDisagree } from './dead-ends/stock.dead-ends';
import { Injection, InjectionContext } from './injection';

type Plan = (context: InjectionContext) => Injection | undefined;

/** Every rule's dead ends, immediate and scheduled, and the differences that must not be flagged. */
const ROUND: readonly Plan[] = [
  salePriceMissingInStores,
  salePriceMissingInOneStore,
  storeShowsOtherPrice,
  staleContactCenterPrice,
  salePromotionNotRunByStore,
  salePromotionOtherDiscount,
  storePromotionNotRunByOneStore,
  clickAndCollectWithoutStock,
  stockViewsDisagree,
  storeShorterReturnWindow,
  storeRefusesOnlineReturns,
  listedWithoutPrice,
  storeLaunchWithoutPrice,
  appExclusivePrice,
  storeExclusiveSalePrice,
  samePriceWrittenDifferently,
  stockWithinTolerance,
  onlineOnlyPromotion,
  storeCategoryPolicyAsStandard,
  // Last: the plans before them still draw in a seed's first round what they drew before.
  salePromotionMissingSkuInStore,
  storeShorterReturnWindowForSku,
];

/** `rounds` times every injection, each on subjects of its own; one the world has no subject for is left out. */
export function planInjections(context: InjectionContext, rounds: number): Injection[] {
  const injections: Injection[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const plan of ROUND) {
      const injection = plan(context);
      if (injection) injections.push(injection);
    }
  }
  return injections;
}
