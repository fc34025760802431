import { StringDecoder } from 'node:string_decoder';

/**
 * The complete lines of a `COPY ... TO STDOUT` text stream, chunk by chunk: a chunk may end inside
 * a line or inside a multi-byte character, and both are kept for the next chunk.
 */
export class CopyLines {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  /** The lines this chunk completes, as one text without its last newline; undefined if none. */
  push(chunk: Buffer | Uint8Array): string | undefined {
    const text = this.rest + this.decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.rest = text;
      return undefined;
    }
    this.rest = text.slice(end + 1);
    return text.slice(0, end);
  }

  /** What is left at the end of the stream (a last line without a newline), if anything. */
  end(): string | undefined {
    const text = this.rest + this.decoder.end();
    this.rest = '';
    return text.length > 0 ? text : undefined;
  }
}
