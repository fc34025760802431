import { generateKeyPairSync } from 'node:crypto';
import { sealKeysFromPrivate } from '../seal';
import { checkExport, entryOf, signManifest } from './manifest';

describe('signed export manifest', () => {
  const keys = sealKeysFromPrivate(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64'));
  const files = new Map([['facts.csv', Buffer.from('a,b\r\n1,2\r\n')]]);
  const manifest = Buffer.from(JSON.stringify({ files: [entryOf('facts.csv', files.get('facts.csv')!)] }));
  const signature = signManifest(keys, manifest);

  it('an untouched export checks out', () => {
    expect(checkExport(keys, manifest, signature, (file) => files.get(file))).toEqual({ ok: true });
  });

  it('a changed file, a missing file or a changed manifest is named', () => {
    expect(checkExport(keys, manifest, signature, () => Buffer.from('a,b\r\n1,3\r\n'))).toEqual({ ok: false, problems: ['facts.csv: SHA-256 differs from the manifest'] });
    expect(checkExport(keys, manifest, signature, () => undefined)).toEqual({ ok: false, problems: ['facts.csv: missing'] });
    const edited = Buffer.from(manifest.toString().replace('facts', 'fakts'));
    expect(checkExport(keys, edited, signature, (file) => files.get(file))).toMatchObject({ ok: false, problems: [expect.stringMatching(/^manifest.sig/), 'fakts.csv: missing'] });
  });
});
