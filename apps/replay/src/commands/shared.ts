import { Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { Pool } from 'pg';
import { AsOfSubject, SUBJECT_KINDS } from '@parity/audit';
import { ConfigError, databaseUrl } from '@parity/config';

/** Exit codes scripts can rely on (every command). */
export const EXIT = { ok: 0, failed: 1, usage: 2, infrastructure: 3 } as const;

export const EXIT_HELP = (failed: string) =>
  `\nExit codes: 0 ${failed.split('|')[0]}, 1 ${failed.split('|')[1]}, 2 usage or configuration error, 3 database unreachable or another infrastructure error.`;

export class UsageError extends Error {
  readonly code = 'usage';
}

export const databaseOption = () => new Option('--database-url <url>', 'PostgreSQL connection').env('DATABASE_URL');

export function openDatabase(url: string | undefined): Pool {
  try {
    return new Pool({ connectionString: databaseUrl({ DATABASE_URL: url }, 'or --database-url'), max: 3 });
  } catch (error) {
    // A value given may have come from either: name both, as the option's help does.
    if (error instanceof ConfigError && url?.trim()) throw new ConfigError('--database-url (or DATABASE_URL)', error.problem);
    throw error;
  }
}

/** A progress bar with an ETA on stderr when it is a terminal; nothing otherwise. */
export function progressBar(enabled: boolean, label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ etaBuffer: 50, fps: 5, format: `${label} [{bar}] {value}/{total} events | {percentage}% | {speed} ev/s | ETA {eta_formatted}` }, Presets.shades_classic);
  const started = Date.now();
  return {
    update: (done, total) => {
      const speed = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      if (!bar.isActive) bar.start(total, done, { speed });
      bar.update(done, { speed });
    },
    stop: () => bar.stop(),
  };
}

export const subjectOptions = () => SUBJECT_KINDS.map((kind) => new Option(`--${kind} <id>`, `scope: one ${kind === 'store' ? 'store (channel name, e.g. store/WAW-012)' : kind}`));

/** The one subject named by --sku / --promotion / --policy / --store. */
export function subjectOf(options: Partial<Record<(typeof SUBJECT_KINDS)[number], string>>, required: boolean): AsOfSubject | undefined {
  const named = SUBJECT_KINDS.filter((kind) => options[kind] !== undefined);
  if (named.length > 1) throw new UsageError(`name one subject, not ${named.map((kind) => `--${kind}`).join(' and ')}`);
  const kind = named[0];
  if (!kind) {
    if (required) throw new UsageError('name a subject: --sku, --promotion, --policy or --store');
    return undefined;
  }
  return { kind, id: options[kind]! };
}

export function isUsage(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof UsageError || (typeof (error as { code?: unknown }).code === 'string' && ['invalid-bound', 'schema-exists', 'usage'].includes((error as { code: string }).code));
}
