import { generateKeyPairSync } from 'node:crypto';
import { checkSeals, missingSeals, rawPublicKey, SealKeyError, sealKeysFromPrivate, sealKeysFromPublic, signSeal } from './seal';

const seed = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);

describe('seals: the head signed with Ed25519', () => {
  const keys = sealKeysFromPrivate(seed().toString('base64'));
  const verifier = sealKeysFromPublic(rawPublicKey(keys));
  const hashAt = new Map([[10, Buffer.alloc(32, 7)]]);
  const seal = signSeal(keys, { position: 10, hash: Buffer.alloc(32, 7) }, Date.UTC(2026, 10, 27));

  it('a verifier holding only the public key checks a seal', () => {
    expect(verifier.privateKey).toBeUndefined();
    expect(verifier.keyId).toBe(keys.keyId);
    expect(checkSeals(verifier, [seal], (p) => hashAt.get(p))).toEqual([]);
  });

  it('a seal with any field changed no longer holds', () => {
    expect(checkSeals(verifier, [{ ...seal, sealedAt: '2026-11-28T00:00:00.000Z' }], (p) => hashAt.get(p))).toMatchObject([{ problem: 'bad-signature', position: 10 }]);
    expect(checkSeals(verifier, [{ ...seal, position: 11 }], () => Buffer.alloc(32, 7))).toMatchObject([{ problem: 'bad-signature' }]);
  });

  it('a log whose hash at the sealed position changed, or that no longer reaches it, is caught', () => {
    expect(checkSeals(verifier, [seal], () => Buffer.alloc(32, 8))).toMatchObject([{ problem: 'hash-mismatch', position: 10 }]);
    expect(checkSeals(verifier, [seal], () => undefined)).toMatchObject([{ problem: 'beyond-head', position: 10 }]);
  });

  it('another key\'s seals are not accepted', () => {
    const other = sealKeysFromPrivate(seed().toString('hex'));
    expect(checkSeals(other, [seal], (p) => hashAt.get(p))).toMatchObject([{ problem: 'unknown-key' }]);
  });

  it('seals in an exported copy but gone from the database are named', () => {
    expect(missingSeals([seal], [])).toMatchObject([{ problem: 'missing-seal', position: 10 }]);
    expect(missingSeals([seal], [seal])).toEqual([]);
  });

  it('a key of the wrong size is refused with a reason', () => {
    expect(() => sealKeysFromPrivate('abcd')).toThrow(SealKeyError);
    expect(() => sealKeysFromPrivate('abcd')).toThrow(/32 bytes/);
  });
});
