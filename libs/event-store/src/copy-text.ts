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

/** Decoding of one field of PostgreSQL's COPY text format (the inverse of copyText, NULL included). */
export function fromCopyText(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_match, escape: string) => {
    const simple = COPY_UNESCAPES[escape];
    if (simple !== undefined) return simple;
    if (escape[0] === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return escape;
  });
}

const COPY_UNESCAPES: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
