/** Encoding of values for PostgreSQL's COPY text format. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return value.replace(/[\\\n\r\t]/g, (char) => COPY_ESCAPES[char] ?? char);
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyBytea(bytes: Buffer): string {
  return `\\\\x${bytes.toString('hex')}`;
}

export function copyTimestamp(epochMillis: number): string {
  return new Date(epochMillis).toISOString();
}
