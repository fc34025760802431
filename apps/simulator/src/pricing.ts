import { fromMinorUnits, toMinorUnits } from '@parity/contracts';

/**
 * Shelf prices as decimal strings, computed in the contract's integer minor units so no float
 * rounding reaches a price. Retail prices end in .99 ("charm" prices), as shoppers expect.
 */
const UNIT = 10_000n;

/** The .99 price just under a whole-zloty amount: 1300 -> "1299.99". */
export function charmPrice(zloty: number): string {
  const whole = BigInt(Math.max(2, Math.round(zloty)));
  return fromMinorUnits(whole * UNIT - 100n);
}

/** The charm price nearest to `amount` changed by `percent` (negative: cheaper). */
export function changedBy(amount: string, percent: number): string {
  const changed = (toMinorUnits(amount) * BigInt(100 + percent)) / 100n;
  return charmPrice(Number((changed + UNIT / 2n) / UNIT));
}
