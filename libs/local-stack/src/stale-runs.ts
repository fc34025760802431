import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A test or benchmark run that died without its teardown (killed runner, crashed process) leaves
 * its broker and database running. The next run stops them and removes their data: their folder
 * is named after the pid of the run that owned them.
 */
export function sweepStaleRuns(dataRoot: string, log: (line: string) => void): void {
  if (!existsSync(dataRoot)) return;
  for (const name of readdirSync(dataRoot)) {
    const owner = /^test-run-(\d+)$/.exec(name)?.[1];
    if (!owner || alive(Number(owner))) continue;
    const dir = join(dataRoot, name);
    for (const pidFile of [join(dir, 'kafka', 'broker.pid'), join(dir, 'postgres', 'postmaster.pid')]) {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        log(`stopping process ${pid} left by dead run ${owner}`);
        process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
