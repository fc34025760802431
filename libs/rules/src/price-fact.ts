import { Channel } from './channels';
import { Evidence } from './evidence';
import { Money } from './vocabulary';

/** The end of a period that has none. */
export const OPEN_END = Number.MAX_SAFE_INTEGER;

export type PriceType = 'regular' | 'clearance' | 'channel-exclusive';

/**
 * A price a channel states for a SKU and, through `older`, the versions beside it (scheduled
 * prices, the ones it replaced), newest first: a channel's price history is a chain of these.
 * Compact on purpose, since the projection holds one per (SKU, channel), millions of them: what
 * follows from the fields (kind, evidence, the open ends) is computed on the prototype, repeated
 * strings and amounts come from the projection's Vocabulary, and there is no array per channel.
 */
export class PriceFact {
  constructor(
    readonly channel: Channel,
    readonly eventTime: number,
    /** The stating event's id (its source is the channel). */
    readonly id: string,
    readonly sku: string,
    readonly money: Money,
    readonly priceType: PriceType,
    /** undefined: from the event time. */
    private readonly from: number | undefined,
    /** undefined: open-ended. */
    private readonly to: number | undefined,
    /** The next version of this channel's price for the SKU, in version order. */
    readonly older: PriceFact | undefined,
  ) {
    this.depth = older === undefined ? 1 : older.depth + 1;
  }

  /** Versions in the chain from this one on: how long it is, without walking it. */
  readonly depth: number;

  get kind(): 'price' {
    return 'price';
  }

  get evidence(): Evidence {
    return { source: this.channel, id: this.id };
  }

  get amount(): string {
    return this.money.amount;
  }

  /** Ten-thousandths of the currency unit. */
  get minor(): bigint {
    return this.money.minor;
  }

  get currency(): string {
    return this.money.currency;
  }

  get effectiveFrom(): number {
    return this.from ?? this.eventTime;
  }

  get effectiveTo(): number {
    return this.to ?? OPEN_END;
  }

  /** This version with another chain behind it (itself when that is the chain it has). */
  before(older: PriceFact | undefined): PriceFact {
    if (older === this.older) return this;
    return new PriceFact(this.channel, this.eventTime, this.id, this.sku, this.money, this.priceType, this.from, this.to, older);
  }
}
