import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { Seal } from '@parity/audit';
import { sealKeys } from '../seal-keys.config';
import { VerificationReport, verifyLogAndSeals } from '../verification';
import { databaseOption, EXIT, EXIT_HELP, openDatabase, progressBar, UsageError } from './shared';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('check the hash chain of the whole log in one pass (every bad position, not just the first) and the seals against it')
    .addOption(databaseOption())
    .option('--seals <file>', 'seals exported earlier (`parity seal --export`) and kept elsewhere: each must still hold and still be in the database')
    .option('--json', 'print the result as one JSON object')
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText('after', `\nSeals are checked with PARITY_SEAL_PUBLIC_KEY (or the key of PARITY_SEAL_KEY); without either they are not checked.${EXIT_HELP('the chain and every seal verify|something does not (every bad position is named)')}`)
    .action(async (options: { databaseUrl?: string; seals?: string; json?: boolean; progress: boolean }) => {
      const keys = sealKeys(process.env);
      const exportedSeals = options.seals ? readSeals(options.seals) : undefined;
      if (exportedSeals && !keys) throw new UsageError('--seals needs PARITY_SEAL_PUBLIC_KEY (or PARITY_SEAL_KEY) to check the signatures');
      const pool = openDatabase(options.databaseUrl);
      const bar = progressBar(options.progress, 'verifying');
      try {
        const report = await verifyLogAndSeals(pool, { sealKeys: keys, exportedSeals, onProgress: bar.update });
        bar.stop();
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describeVerification(report));
        process.exitCode = report.ok ? EXIT.ok : EXIT.failed;
      } finally {
        bar.stop();
        await pool.end();
      }
    });
}

function readSeals(file: string): Seal[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { seals?: Seal[] } | Seal[];
    const seals = Array.isArray(parsed) ? parsed : parsed.seals;
    if (!Array.isArray(seals)) throw new Error('no "seals" array');
    return seals;
  } catch (error) {
    throw new UsageError(`--seals ${file}: ${(error as Error).message}`);
  }
}

export function describeVerification(report: VerificationReport): string {
  const seals = report.seals.verifiedWith ? `${report.seals.checked} seal(s) checked with key ${report.seals.verifiedWith}` : 'seals not checked (no PARITY_SEAL_PUBLIC_KEY)';
  if (report.ok) return `the log verifies: ${report.checked} events, head ${report.head.position} ${report.head.hash}; ${seals}\n`;
  const lines = [`the log does NOT verify: first bad position ${report.firstBadPosition}; ${report.defects.length} chain defect(s), ${report.seals.defects.length} seal defect(s); ${seals}`];
  for (const defect of report.defects.slice(0, 50)) lines.push(`  ${defect.kind.padEnd(13)} at ${defect.position}: ${defect.detail}`);
  for (const defect of report.seals.defects.slice(0, 50)) lines.push(`  seal ${defect.problem.padEnd(13)} at ${defect.position}: ${defect.detail}`);
  return `${lines.join('\n')}\n`;
}
