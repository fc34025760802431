import { ConfigError, Environment } from '@parity/config';
import { SealKeyError, SealKeys, sealKeysFromPrivate, sealKeysFromPublic } from '@parity/audit';

/**
 * PARITY_SEAL_KEY: the Ed25519 private key that signs seals and exports (a 32-byte seed as hex
 * or base64, or a PKCS#8 PEM). PARITY_SEAL_PUBLIC_KEY: the public key alone, for a verifier that
 * must not be able to sign. Undefined when neither is set.
 */
export function sealKeys(env: Environment): SealKeys | undefined {
  const privateKey = env['PARITY_SEAL_KEY']?.trim();
  const publicKey = env['PARITY_SEAL_PUBLIC_KEY']?.trim();
  try {
    if (privateKey) {
      const keys = sealKeysFromPrivate(privateKey);
      if (publicKey && sealKeysFromPublic(publicKey).keyId !== keys.keyId) throw new ConfigError('PARITY_SEAL_PUBLIC_KEY', 'is not the public key of PARITY_SEAL_KEY');
      return keys;
    }
    return publicKey ? sealKeysFromPublic(publicKey) : undefined;
  } catch (error) {
    if (error instanceof SealKeyError) throw new ConfigError(privateKey ? 'PARITY_SEAL_KEY' : 'PARITY_SEAL_PUBLIC_KEY', error.message);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(privateKey ? 'PARITY_SEAL_KEY' : 'PARITY_SEAL_PUBLIC_KEY', `cannot be read as an Ed25519 key: ${(error as Error).message}`);
  }
}

export function signingKeys(env: Environment): SealKeys {
  const keys = sealKeys(env);
  if (!keys?.privateKey) throw new ConfigError('PARITY_SEAL_KEY', 'is not set: sealing and signed exports need the Ed25519 private key (`npm run parity -- seal --new-key` makes one)');
  return keys;
}

/** The seal keys as the HTTP service holds them (a class, so Nest can inject it). */
export class SealKeyring {
  constructor(readonly keys: SealKeys | undefined) {}
}
