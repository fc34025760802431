import { toMinorUnits } from '@parity/contracts';

/** An amount as a channel states it, with its value in ten-thousandths of the currency unit. */
export interface Money {
  readonly amount: string;
  readonly minor: bigint;
  readonly currency: string;
}

/**
 * The words and amounts facts repeat: channel names, SKUs, price types, prices. A projection holds
 * millions of facts; each parsed event brings its own copies of these strings, and one copy per
 * projection is enough. Only identity changes, never a value, so it cannot change a result.
 */
export class Vocabulary {
  private readonly words = new Map<string, string>();
  private readonly prices = new Map<string, Map<string, Money>>();

  word(text: string): string {
    const known = this.words.get(text);
    if (known !== undefined) return known;
    this.words.set(text, text);
    return text;
  }

  money(amount: string, currency: string): Money {
    let byAmount = this.prices.get(currency);
    if (!byAmount) this.prices.set(currency, (byAmount = new Map()));
    let money = byAmount.get(amount);
    if (!money) byAmount.set(amount, (money = moneyOf(amount, this.word(currency))));
    return money;
  }
}

/** No vocabulary: every fact keeps the strings it came with. */
export const OWN_WORDS: Pick<Vocabulary, 'word' | 'money'> = { word: (text) => text, money: moneyOf };

export function moneyOf(amount: string, currency: string): Money {
  return { amount, minor: toMinorUnits(amount), currency };
}
