import { createHash, sign, verify } from 'node:crypto';
import { SealKeyError, SealKeys } from '../seal';

export interface ManifestEntry {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: 'parity-export-v1';
  readonly generatedAt: string;
  readonly scope: string;
  readonly period: { readonly fromPosition: number; readonly toPosition: number };
  readonly head: { readonly position: number; readonly hash: string };
  readonly signature: { readonly algorithm: 'ed25519'; readonly keyId: string; readonly publicKey: string; readonly file: 'manifest.sig' };
  readonly files: readonly ManifestEntry[];
}

export function entryOf(file: string, content: Buffer): ManifestEntry {
  return { file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** The detached signature (base64) of the manifest's exact bytes. */
export function signManifest(keys: SealKeys, manifestBytes: Buffer): string {
  if (!keys.privateKey) throw new SealKeyError('signing an export needs the private key (PARITY_SEAL_KEY)');
  return `${sign(null, manifestBytes, keys.privateKey).toString('base64')}\n`;
}

export type ExportCheck = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[] };

/** An export as received: the signature over the manifest, then each file's digest. */
export function checkExport(keys: SealKeys, manifestBytes: Buffer, signature: string, read: (file: string) => Buffer | undefined): ExportCheck {
  const problems: string[] = [];
  if (!verify(null, manifestBytes, keys.publicKey, Buffer.from(signature.trim(), 'base64'))) problems.push('manifest.sig: not a signature of manifest.json by this key');
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  for (const entry of manifest.files) {
    const content = read(entry.file);
    if (!content) problems.push(`${entry.file}: missing`);
    else if (entryOf(entry.file, content).sha256 !== entry.sha256) problems.push(`${entry.file}: SHA-256 differs from the manifest`);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
