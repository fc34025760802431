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
import { salePromotionNotRunByStore, salePromotionOtherDiscount, storePromotionNotRunByOneStore } from './dead-ends/promotion.dead-ends';
import { storeRefusesOnlineReturns, storeShorterReturnWindow } from './dead-ends/returns.dead-ends';
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
