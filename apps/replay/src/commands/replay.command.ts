import { Command, InvalidArgumentError } from 'commander';
import { rulesConfig } from '@parity/config';
import { parseRange, resolveRange } from '../log-range';
import { ReplayReport, replayIntoSchema } from '../replay';
import { databaseOption, EXIT, EXIT_HELP, openDatabase, progressBar } from './shared';

export function replayCommand(now: () => number): Command {
  return new Command('replay')
    .description('rebuild the finding history of the log (or a stretch of it) into an isolated schema and compare it with the live findings')
    .addOption(databaseOption())
    .option('--from <position|date>', 'first event: a log position or a date on the recorded-time axis (default: the start); a run from later is a fresh run that knows nothing from before')
    .option('--to <position|date>', 'last event: a log position or a date (default: the head)')
    .option('--schema <name>', 'the schema to write into (default: replay_<time>)', parseSchema)
    .option('--replace', 'drop the schema first if it exists')
    .option('--workers <n>', 'worker threads to split the keys over; 0: all in this thread (default: one per core, at most 8)', parseWorkers)
    .option('--json', 'print the result as one JSON object')
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText('after', `\nRules: RULES_CONFIG_FILE as for the reconciler (the replay must run the rules the live run ran).${EXIT_HELP('the replay equals the live history of the same positions|it differs (the differences are listed)')}`)
    .action(async (options: { databaseUrl?: string; from?: string; to?: string; schema?: string; replace?: boolean; workers?: number; json?: boolean; progress: boolean }) => {
      const rules = rulesConfig(process.env);
      const { from, to } = parseRange(options.from, options.to);
      const pool = openDatabase(options.databaseUrl);
      const bar = progressBar(options.progress, 'replaying');
      try {
        const range = await resolveRange(pool, from, to);
        // To the millisecond: back-to-back replays from a script each get their own.
        const schema = options.schema ?? `replay_${new Date(now()).toISOString().replace(/\D/g, '').slice(0, 17)}`;
        const report = await replayIntoSchema(pool, { range, schema, replace: options.replace, rules, workers: options.workers, onProgress: bar.update });
        bar.stop();
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describe(report));
        process.exitCode = report.comparison.identical ? EXIT.ok : EXIT.failed;
      } finally {
        bar.stop();
        await pool.end();
      }
    });
}

function parseSchema(value: string): string {
  // Interpolated into SQL: a plain identifier only, refused here as usage rather than failing in the database.
  if (!/^[a-z_][a-z0-9_]*$/.test(value)) throw new InvalidArgumentError('--schema: a plain schema name of lower-case letters, digits and _, not starting with a digit (e.g. replay_may)');
  return value;
}

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new InvalidArgumentError('--workers: a whole number from 0 to 64');
  return workers;
}

function describe(report: ReplayReport): string {
  const { comparison: c, range } = report;
  const lines = [
    `replayed positions ${range.from}..${range.to}: ${report.events} events, ${report.changes} finding changes, into schema ${report.schema}`,
    c.identical
      ? `identical to the live history of the same positions (${c.liveChanges} changes, byte for byte)`
      : `DIFFERS from the live history: ${c.differenceCount} difference(s); replay ${c.replayChanges} changes, live ${c.liveChanges}`,
  ];
  if (c.liveUpTo < range.to) lines.push(`note: the live reconciler has read only up to position ${c.liveUpTo}; changes after it are not live yet`);
  for (const d of c.differences) {
    const side = (s: { change: string; logPosition: number } | undefined) => (s ? `${s.change} at ${s.logPosition}` : 'absent');
    lines.push(`  ${d.kind.padEnd(14)} finding ${d.findingId} v${d.version}: replay ${side(d.replay)}, live ${side(d.live)}`);
  }
  if (c.differenceCount > c.differences.length) lines.push(`  ... and ${c.differenceCount - c.differences.length} more (query the schema: ${report.schema}.finding_changes)`);
  return `${lines.join('\n')}\n`;
}
