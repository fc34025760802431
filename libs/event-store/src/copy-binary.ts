/**
 * Rows in PostgreSQL's binary COPY format: lengths instead of escapes, numbers and times as
 * integers, so neither side formats or parses text for them. For the log's hot append, where
 * the text format spent more CPU on escaping and ISO dates than on the rows themselves.
 */
export class BinaryCopyRows {
  private buffer: Buffer;
  private at = 0;
  private rows = 0;

  constructor(bytesHint = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, bytesHint));
    this.at = this.buffer.write(SIGNATURE, 0, 'latin1');
    this.at = this.buffer.writeInt32BE(0, this.at); // flags
    this.at = this.buffer.writeInt32BE(0, this.at); // header extension length
  }

  row(fields: number): this {
    this.room(2);
    this.at = this.buffer.writeInt16BE(fields, this.at);
    this.rows += 1;
    return this;
  }

  /** text, varchar and json (whose binary form is its text). */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    this.room(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
    return this;
  }

  bytea(value: Buffer): this {
    this.room(4 + value.length);
    this.at = this.buffer.writeInt32BE(value.length, this.at);
    this.at += value.copy(this.buffer, this.at);
    return this;
  }

  int4(value: number): this {
    this.room(8);
    this.at = this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(value, this.at);
    return this;
  }

  /** bigint, from a safe integer or a bigint. */
  int8(value: number | bigint): this {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer for a bigint or timestamp column`);
    this.room(12);
    this.at = this.buffer.writeInt32BE(8, this.at);
    if (typeof value === 'bigint') this.at = this.buffer.writeBigInt64BE(value, this.at);
    else this.writeInt64(value);
    return this;
  }

  /**
   * timestamptz, from epoch milliseconds: microseconds since 2000-01-01 UTC. Past about 285 years
   * either side of 2000 those are no safe integer, yet RFC 3339 times run from year 0 to 9999:
   * written exactly through a bigint then (once a year-9999 time made the append throw, batch
   * after batch).
   */
  timestamptz(epochMillis: number): this {
    if (!Number.isSafeInteger(epochMillis)) throw new RangeError(`${epochMillis} is not a time in whole milliseconds`);
    const micros = (epochMillis - POSTGRES_EPOCH_MS) * 1000;
    return this.int8(Number.isSafeInteger(micros) ? micros : BigInt(epochMillis - POSTGRES_EPOCH_MS) * 1000n);
  }

  null(): this {
    this.room(4);
    this.at = this.buffer.writeInt32BE(-1, this.at);
    return this;
  }

  get count(): number {
    return this.rows;
  }

  /** The whole COPY stream: header, rows and trailer. */
  end(): Buffer {
    this.room(2);
    this.at = this.buffer.writeInt16BE(-1, this.at);
    return this.buffer.subarray(0, this.at);
  }

  /** Two 32-bit words: exact for every safe integer, negative ones in two's complement. */
  private writeInt64(value: number): void {
    const high = Math.floor(value / 2 ** 32);
    this.at = this.buffer.writeInt32BE(high, this.at);
    this.at = this.buffer.writeUInt32BE(value - high * 2 ** 32, this.at);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

const SIGNATURE = 'PGCOPY\n\xff\r\n\0';
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
