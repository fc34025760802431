import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * A seal: the log's head at a moment, signed. Ed25519, not HMAC: whoever holds a copy of the
 * seals can check them with the public key alone, and cannot forge one; an HMAC key would have
 * to be shared with every verifier, and every verifier could then sign.
 */
export interface Seal {
  readonly position: number;
  /** Stored hash of the row at `position` (hex); 32 zero bytes for an empty log. */
  readonly headHash: string;
  /** ISO 8601. */
  readonly sealedAt: string;
  readonly algorithm: 'ed25519';
  /** Which key signed: the first 16 hex digits of SHA-256 of the raw public key. */
  readonly keyId: string;
  /** Base64. */
  readonly signature: string;
}

export interface SealKeys {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** Absent where only verification is possible. */
  readonly privateKey: KeyObject | undefined;
}

export class SealKeyError extends Error {
  readonly code = 'invalid-seal-key';
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The private key from a 32-byte seed (hex or base64) or a PKCS#8 PEM; the public key derived from it. */
export function sealKeysFromPrivate(text: string): SealKeys {
  const privateKey = text.includes('BEGIN') ? createPrivateKey(text) : createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed(text, 'private')]), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SealKeyError(`the seal key must be Ed25519, got ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** A verifier's key: 32 raw bytes (hex or base64) or an SPKI PEM. */
export function sealKeysFromPublic(text: string): SealKeys {
  const publicKey = text.includes('BEGIN') ? createPublicKey(text) : createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, seed(text, 'public')]), format: 'der', type: 'spki' });
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new SealKeyError(`the seal public key must be Ed25519, got ${publicKey.asymmetricKeyType}`);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey: undefined };
}

export function rawPublicKey(keys: SealKeys): string {
  return keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

function seed(text: string, which: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) throw new SealKeyError(`the ${which} seal key must be 32 bytes (64 hex digits or base64) or a PEM, got ${bytes.length} bytes`);
  return bytes;
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** The exact bytes a seal signs: versioned, one field a line. */
export function sealPayload(seal: Pick<Seal, 'position' | 'headHash' | 'sealedAt'>): Buffer {
  return Buffer.from(`parity-seal-v1\n${seal.position}\n${seal.headHash}\n${seal.sealedAt}`);
}

export function signSeal(keys: SealKeys, head: { position: number; hash: Buffer }, sealedAt: number): Seal {
  if (!keys.privateKey) throw new SealKeyError('sealing needs the private key (PARITY_SEAL_KEY)');
  const unsigned = { position: head.position, headHash: head.hash.toString('hex'), sealedAt: new Date(sealedAt).toISOString() };
  return { ...unsigned, algorithm: 'ed25519', keyId: keys.keyId, signature: sign(null, sealPayload(unsigned), keys.privateKey).toString('base64') };
}

export type SealProblem = 'bad-signature' | 'unknown-key' | 'hash-mismatch' | 'beyond-head' | 'missing-seal';

export interface SealDefect {
  readonly problem: SealProblem;
  /** The log position the seal vouches for. */
  readonly position: number;
  readonly detail: string;
}

export function signatureHolds(keys: SealKeys, seal: Seal): boolean {
  if (seal.keyId !== keys.keyId) return false;
  return verify(null, sealPayload(seal), keys.publicKey, Buffer.from(seal.signature, 'base64'));
}

/**
 * Checks seals against the log: each signed by the key, each naming a position the log still
 * has with the hash it had then. `storedHashAt` gives the stored hash at a position (undefined
 * when the log does not reach it).
 */
export function checkSeals(keys: SealKeys, seals: readonly Seal[], storedHashAt: (position: number) => Buffer | undefined): SealDefect[] {
  const defects: SealDefect[] = [];
  for (const seal of seals) {
    if (seal.keyId !== keys.keyId) {
      defects.push({ problem: 'unknown-key', position: seal.position, detail: `sealed by key ${seal.keyId}, verifying with ${keys.keyId}` });
      continue;
    }
    if (!signatureHolds(keys, seal)) {
      defects.push({ problem: 'bad-signature', position: seal.position, detail: `the seal of ${seal.sealedAt} is not signed by key ${keys.keyId}` });
      continue;
    }
    if (seal.position === 0) continue;
    const stored = storedHashAt(seal.position);
    if (!stored) defects.push({ problem: 'beyond-head', position: seal.position, detail: `sealed at ${seal.sealedAt}, but the log no longer reaches position ${seal.position}` });
    else if (stored.toString('hex') !== seal.headHash) {
      defects.push({ problem: 'hash-mismatch', position: seal.position, detail: `sealed ${seal.headHash.slice(0, 16)}... at ${seal.sealedAt}, the log holds ${stored.toString('hex').slice(0, 16)}...` });
    }
  }
  return defects;
}

/** Seals in an exported copy that the database no longer has: the seals table was rewritten. */
export function missingSeals(exported: readonly Seal[], stored: readonly Seal[]): SealDefect[] {
  const have = new Set(stored.map((seal) => seal.signature));
  return exported
    .filter((seal) => !have.has(seal.signature))
    .map((seal) => ({ problem: 'missing-seal' as const, position: seal.position, detail: `the seal of ${seal.sealedAt} at position ${seal.position} is in the exported copy but not in the database` }));
}
