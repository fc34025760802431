#!/usr/bin/env node
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { Pool } from 'pg';
import { ConfigError, requiredString } from '@parity/config';
import { verifyLog } from '@parity/event-store';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, verificationFailed: 1, usage: 2, infrastructure: 3 } as const;

const program = new Command()
  .name('parity')
  .description('Parity audit command line: verify the event log (replay, as-of, seal and export come with the audit issue)')
  .showHelpAfterError()
  .exitOverride();

program
  .command('verify')
  .description('walk the SHA-256 hash chain of the event log and name the first position that does not verify')
  .addOption(new Option('--database-url <url>', 'PostgreSQL connection (read access to event_log suffices)').env('DATABASE_URL'))
  .option('--json', 'print the result as one JSON object')
  .option('--no-progress', 'no progress bar on stderr')
  .addHelpText('after', '\nExit codes: 0 the log verifies, 1 it does not (tampered), 2 usage or configuration error, 3 database unreachable.')
  .action(async (options: { databaseUrl?: string; json?: boolean; progress: boolean }) => {
    const url = requiredString({ DATABASE_URL: options.databaseUrl }, 'DATABASE_URL', 'or --database-url');
    const pool = new Pool({ connectionString: url, max: 1 });
    const bar = options.progress && process.stderr.isTTY ? new SingleBar({ etaBuffer: 20, format: 'verifying [{bar}] {value}/{total} events | {percentage}% | ETA {eta_formatted}' }, Presets.shades_classic) : undefined;
    try {
      const result = await verifyLog(pool, {
        onProgress: (checked, total) => {
          if (!bar) return;
          if (checked === 0 || !bar.isActive) bar.start(total, checked);
          bar.update(checked);
        },
      });
      bar?.stop();
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) process.stdout.write(`the log verifies: ${result.checked} events, head ${result.headPosition} ${result.headHash}\n`);
      else process.stdout.write(`the log does NOT verify: first bad position ${result.firstBadPosition} (${result.problem}: ${result.detail}); ${result.checked} events before it verify\n`);
      process.exitCode = result.ok ? EXIT.ok : EXIT.verificationFailed;
    } finally {
      bar?.stop();
      await pool.end();
    }
  });

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return;
    if (code?.startsWith('commander.') || error instanceof ConfigError) {
      if (error instanceof ConfigError) process.stderr.write(`parity: ${error.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`parity: ${(error as Error).message}\n`);
    process.exitCode = EXIT.infrastructure;
  }
}

void main(process.argv);
