#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Pool } from 'pg';
import { ConfigError, databaseUrl } from '@parity/config';
import { openFindingsAt, rulesConfigFor } from './engine-run';
import { readUnresolvedFindings } from './findings-table';
import { parseTruthFile, TruthFileError } from './ground-truth';
import { generateScenario } from './scenario';
import { toRecordedEvent } from './scenario-event';
import { SCENARIO_NAMES, ScenarioName } from './scenarios';
import { formatScorecard } from './scorecard-table';
import { Scorecard, scorecard } from './scoring';

/**
 * Scores Parity's findings against a scenario's ground truth. Offline: generates the scenario
 * and runs the pure engine in this process. Live: reads the findings table the reconciler
 * writes and scores it against the truth file a scenario run of the simulator left behind.
 */
export const EXIT = { perfect: 0, imperfect: 1, usage: 2, infrastructure: 3 } as const;

class UsageError extends Error {
  readonly code = 'usage';
}

interface Options {
  offline?: boolean;
  scenario: ScenarioName;
  seed: number;
  skus: number;
  stores: number;
  truth?: string;
  databaseUrl?: string;
  json?: boolean;
}

const program = new Command()
  .name('scorecard')
  .description("Score Parity's findings against a scenario's ground truth: precision, recall and lead time per rule")
  .option('--offline', 'generate the scenario and run it through the pure rules engine in this process')
  .addOption(new Option('--scenario <name>', 'scenario to generate (offline)').choices(SCENARIO_NAMES).default('black-friday'))
  .option('--seed <n>', 'scenario seed (offline)', whole('--seed', 0, 4_294_967_295), 1)
  .option('--skus <n>', 'products in the world (offline)', whole('--skus', 1, 99_999), 300)
  .option('--stores <n>', 'stores in the world (offline)', whole('--stores', 1, 999), 20)
  .option('--truth <file>', 'truth JSON written by a live scenario run (SIMULATOR_TRUTH_FILE)')
  .addOption(new Option('--database-url <url>', 'PostgreSQL holding the findings table (with --truth)').env('DATABASE_URL'))
  .option('--json', 'print the scorecard as JSON')
  .addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  scorecard --offline --scenario black-friday --seed 1',
      '  scorecard --truth ./scenario-truth.json --database-url postgres://parity@127.0.0.1:5432/parity',
      '',
      'Exit codes: 0 precision and recall 1.0 for every rule and every scheduled dead end found ahead,',
      '1 anything less, 2 bad arguments or truth file, 3 database unreachable.',
    ].join('\n'),
  )
  .showHelpAfterError()
  .exitOverride();

async function run(argv: readonly string[]): Promise<number> {
  program.parse(argv);
  const options = program.opts<Options>();
  checkMode(options);
  const { card, heading } = options.offline ? offline(options) : await live(options);
  process.stdout.write(options.json ? `${JSON.stringify(card, null, 2)}\n` : `${formatScorecard(card, heading)}\n`);
  return card.perfect ? EXIT.perfect : EXIT.imperfect;
}

function checkMode(options: Options): void {
  if (options.offline && options.truth !== undefined) throw new UsageError('choose one mode: --offline, or --truth <file> with --database-url <url>');
  if (!options.offline && options.truth === undefined) throw new UsageError('choose a mode: --offline, or --truth <file> with --database-url <url>');
  if (options.offline && program.getOptionValueSource('databaseUrl') === 'cli') throw new UsageError('--database-url is for --truth; --offline runs the engine in this process');
  if (!options.offline) {
    const offlineOnly = ['scenario', 'seed', 'skus', 'stores'].filter((name) => program.getOptionValueSource(name) === 'cli');
    if (offlineOnly.length > 0) {
      throw new UsageError(`${offlineOnly.map((name) => `--${name}`).join(', ')}: for --offline only; the truth file names its scenario`);
    }
    if (!options.databaseUrl?.trim()) throw new UsageError('--truth needs --database-url <url> (or DATABASE_URL) to read the findings table');
    databaseUrl({ DATABASE_URL: options.databaseUrl }, 'or --database-url');
  }
}

function offline(options: Options): { card: Scorecard; heading: string } {
  const scenario = generateScenario(options.scenario, { seed: options.seed, skus: options.skus, stores: options.stores });
  const findings = openFindingsAt(scenario.events.map(toRecordedEvent), scenario.end, rulesConfigFor(scenario.world));
  const heading =
    `${options.scenario} scenario, seed ${options.seed}, ${options.skus} SKUs, ${options.stores} stores, ` +
    `${scenario.events.length} events through the pure engine`;
  return { card: scorecard(scenario.truth, findings, scenario.end), heading };
}

async function live(options: Options): Promise<{ card: Scorecard; heading: string }> {
  const path = options.truth ?? '';
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the truth file ${path}: ${error.code ?? error.message}`);
  });
  const truth = parseTruthFile(text);
  const pool = new Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    const findings = await readUnresolvedFindings(pool);
    // The reconciler's clock is the wall clock of ingest: findings are scored as they stand now.
    const now = Date.now();
    const heading = `findings table against ${path} (${truth.scenario} scenario, seed ${truth.seed}, ended ${truth.scoringTime})`;
    return { card: scorecard(truth.expected, findings, now), heading };
  } finally {
    await pool.end();
  }
}

function whole(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return number;
  };
}

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CommanderError) {
      // Commander has printed the problem (and the help) already; --help itself is no error.
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.perfect : EXIT.usage;
      return;
    }
    if (error instanceof UsageError || error instanceof TruthFileError || error instanceof ConfigError) {
      process.stderr.write(`scorecard: ${error.message} (see --help)\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`scorecard: ${(error as Error).message}\n`);
    process.exitCode = EXIT.infrastructure;
  },
);
