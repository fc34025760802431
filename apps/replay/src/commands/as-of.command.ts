import { Command, Option } from 'commander';
import { AsOfView, TIME_AXES, TimeAxis } from '@parity/audit';
import { parseRfc3339 } from '@parity/contracts';
import { asOf } from '../as-of.query';
import { BadBound } from '../log-range';
import { databaseOption, EXIT, openDatabase, subjectOf, subjectOptions } from './shared';

export function asOfCommand(): Command {
  const command = new Command('as-of')
    .description('what every channel showed about a SKU, promotion, policy or store at a time, and which findings were open in Parity\'s record then')
    .addOption(databaseOption())
    .requiredOption('--at <time>', 'the moment asked about (RFC 3339, e.g. 2026-11-27T10:00:00Z)')
    .addOption(new Option('--axis <axis>', 'event: the facts valid at T as the log states them now (scheduled ones included); recorded: only what Parity had recorded by T').choices(TIME_AXES).default('event'))
    .option('--json', 'print the answer as one JSON object (the API returns the same)');
  for (const option of subjectOptions()) command.addOption(option);
  return command
    .addHelpText('after', '\nExit codes: 0 answered, 2 usage or configuration error, 3 database unreachable.')
    .action(async (options: { databaseUrl?: string; at: string; axis: TimeAxis; json?: boolean; sku?: string; promotion?: string; policy?: string; store?: string }) => {
      const subject = subjectOf(options, true)!;
      const at = parseRfc3339(options.at);
      if (at === undefined) throw new BadBound(`--at ${options.at}: expected an RFC 3339 time with a zone (e.g. 2026-11-27T10:00:00Z)`);
      const pool = openDatabase(options.databaseUrl);
      try {
        const view = await asOf(pool, { subject, at, axis: options.axis });
        process.stdout.write(options.json ? `${JSON.stringify(view)}\n` : describe(view));
        process.exitCode = EXIT.ok;
      } finally {
        await pool.end();
      }
    });
}

function describe(view: AsOfView): string {
  const axis = view.axis === 'event' ? 'facts valid at that time, as the log states them now' : `what Parity had recorded by then (log up to position ${view.recordedUpTo})`;
  const lines = [`${view.subject.kind} ${view.subject.id} at ${view.at}: ${axis}; ${view.eventsConsidered} events`];
  const row = (v: AsOfView['shown'][number]) =>
    `  ${v.channel.padEnd(22)} ${v.what.padEnd(15)} ${v.sku ? `${v.sku} ` : ''}${v.value}${v.validFrom && v.what !== 'stock' && v.what !== 'product' ? `  [${v.validFrom} .. ${v.validTo ?? 'open'}]` : ''}  (event ${v.evidence.source}/${v.evidence.id} at position ${v.evidence.position})`;
  lines.push('shown:', ...(view.shown.length ? view.shown.map(row) : ['  nothing']));
  if (view.scheduled.length) lines.push('scheduled after that time:', ...view.scheduled.map(row));
  lines.push(`findings open in Parity's record at that time: ${view.openFindings.length}`);
  for (const f of view.openFindings) lines.push(`  ${f.rule} ${f.severity} ${f.status} ${f.id}: ${f.channels.map((c) => `${c.channel} ${c.value}`).join(' | ')}`);
  return `${lines.join('\n')}\n`;
}
