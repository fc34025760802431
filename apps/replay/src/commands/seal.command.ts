import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { rawPublicKey, sealKeysFromPrivate } from '@parity/audit';
import { signingKeys } from '../seal-keys.config';
import { sealHead } from '../sealing';
import { listSeals } from '../seals.repository';
import { writableFile } from './output-paths';
import { databaseOption, EXIT, openDatabase } from './shared';

export function sealCommand(now: () => number): Command {
  return new Command('seal')
    .description('sign the head of the log (position and hash) with PARITY_SEAL_KEY and append the seal to log_seals; the replay service also seals periodically')
    .addOption(databaseOption())
    .option('--export <file>', 'then write every seal to this file (JSON), to keep a copy elsewhere for `parity verify --seals`')
    .option('--new-key', 'print a new Ed25519 key pair (PARITY_SEAL_KEY, PARITY_SEAL_PUBLIC_KEY) and exit')
    .option('--json', 'print the new seal as JSON')
    .addHelpText('after', '\nExit codes: 0 sealed (and exported), 2 usage or configuration error (e.g. PARITY_SEAL_KEY missing), 3 database unreachable.')
    .action(async (options: { databaseUrl?: string; export?: string; newKey?: boolean; json?: boolean }) => {
      if (options.newKey) {
        const { privateKey } = generateKeyPairSync('ed25519');
        const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64');
        process.stdout.write(`PARITY_SEAL_KEY=${seed}\nPARITY_SEAL_PUBLIC_KEY=${rawPublicKey(sealKeysFromPrivate(seed))}\n`);
        return;
      }
      const keys = signingKeys(process.env);
      // Checked before sealing: a seal appended and then no copy written would be half a command.
      const exportTo = options.export === undefined ? undefined : writableFile('--export', options.export);
      const pool = openDatabase(options.databaseUrl);
      try {
        const seal = await sealHead(pool, keys, now());
        process.stdout.write(options.json ? `${JSON.stringify(seal)}\n` : `sealed position ${seal!.position} ${seal!.headHash} at ${seal!.sealedAt} with key ${seal!.keyId}\n`);
        if (exportTo !== undefined) {
          const seals = await listSeals(pool);
          writeFileSync(exportTo, `${JSON.stringify({ format: 'parity-seals-v1', publicKey: rawPublicKey(keys), keyId: keys.keyId, seals }, null, 2)}\n`);
          process.stderr.write(`${seals.length} seal(s) exported to ${options.export}\n`);
        }
        process.exitCode = EXIT.ok;
      } finally {
        await pool.end();
      }
    });
}
