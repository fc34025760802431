import { codes as currencyCodes } from 'currency-codes';

/**
 * Money is a decimal string with at most 4 decimals plus an ISO 4217 currency, never a float.
 * Amounts are compared as integers of 1/10000 of the unit so no binary rounding creeps in.
 */
export const MONEY_AMOUNT_PATTERN = '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$';
/**
 * The ISO 4217 codes in use (currency-codes, from the ISO list, funds and X codes included): a
 * currency is one of them, not merely three capitals ("ZZZ" is none).
 */
export const ISO_4217_CODES: readonly string[] = [...currencyCodes()].sort();

const amountRegex = new RegExp(MONEY_AMOUNT_PATTERN);

/** Amount in ten-thousandths of the currency unit ("129.99" -> 1299900n). */
export function toMinorUnits(amount: string): bigint {
  if (!amountRegex.test(amount)) throw new RangeError(`not a money amount: "${amount}"`);
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole ?? '0') * 10000n + BigInt(fraction.padEnd(4, '0'));
}

export function fromMinorUnits(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  const whole = abs / 10000n;
  const fraction = (abs % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}
