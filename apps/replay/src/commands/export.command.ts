import { Command } from 'commander';
import { exportReport } from '../export';
import { parseRange, resolveRange } from '../log-range';
import { signingKeys, sealKeys } from '../seal-keys.config';
import { verifyLogAndSeals } from '../verification';
import { preparedDirectory } from './output-paths';
import { databaseOption, EXIT, openDatabase, progressBar, subjectOf, subjectOptions } from './shared';

export function exportCommand(now: () => number): Command {
  const command = new Command('export')
    .description('export facts, findings, operator actions and the verification of a period and scope as CSV and JSON, with an HTML report and a signed manifest')
    .addOption(databaseOption())
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .option('--from <position|date>', 'start of the period on the recorded-time axis (default: the start)')
    .option('--to <position|date>', 'end of the period (default: the head)')
    .option('--no-progress', 'no progress bar while verifying');
  for (const option of subjectOptions()) command.addOption(option);
  return command
    .addHelpText('after', '\nFiles: facts.csv/json, findings.csv/json, actions.csv/json, verification.json, report.html, manifest.json (SHA-256 of each), manifest.sig (Ed25519 over manifest.json; PARITY_SEAL_KEY).\nExit codes: 0 exported and the log verifies, 1 exported but the log does NOT verify (the report says where), 2 usage or configuration error, 3 database unreachable.')
    .action(async (options: { databaseUrl?: string; out: string; from?: string; to?: string; progress: boolean; sku?: string; promotion?: string; policy?: string; store?: string }) => {
      const keys = signingKeys(process.env);
      const subject = subjectOf(options, false);
      const { from, to } = parseRange(options.from, options.to);
      const pool = openDatabase(options.databaseUrl);
      const bar = progressBar(options.progress, 'verifying');
      try {
        const range = await resolveRange(pool, from, to);
        // Before the long work (reading and verifying the whole log), after the range is known good.
        const outDir = preparedDirectory('--out', options.out);
        const verification = await verifyLogAndSeals(pool, { sealKeys: sealKeys(process.env), onProgress: bar.update });
        bar.stop();
        const period = { from: from?.kind === 'date' ? new Date(from.at).toISOString() : undefined, to: to?.kind === 'date' ? new Date(to.at).toISOString() : undefined };
        const manifest = await exportReport(pool, { range, period, subject, outDir, keys, verification, now: now() });
        process.stdout.write(`exported ${manifest.files.length} files to ${options.out} (positions ${range.from}..${range.to}, ${manifest.scope}); manifest signed with key ${keys.keyId}; the log ${verification.ok ? 'verifies' : `does NOT verify (first bad position ${verification.firstBadPosition})`}\n`);
        process.exitCode = verification.ok ? EXIT.ok : EXIT.failed;
      } finally {
        bar.stop();
        await pool.end();
      }
    });
}
