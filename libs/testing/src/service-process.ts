import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repositoryRoot } from '@parity/local-stack';

const ROOT = repositoryRoot();

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

/** Runs a built service (`dist/apps/<name>/src/main.js`) as a real process, as a user would. */
export function startService(name: string, env: Record<string, string>): ServiceProcess {
  const entry = resolve(ROOT, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does)`);
  // PARITY_SERVICE_NODE_ARGS: extra node flags for the services (e.g. --cpu-prof to profile a bench).
  const nodeArgs = (process.env['PARITY_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // A service must not outlive the test or bench run that started it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.removeListener('exit', orphanGuard));
  return {
    child,
    output: () => output,
    exited,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
