import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from Linux /proc; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces, in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ: 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;

interface ProcessInfo {
  readonly pid: number;
  readonly parent: number;
  readonly command: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(entry), parent, command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** Processes whose command line contains `text`, with their children (PostgreSQL's backends). */
export function processTree(text: string): number[] {
  const all = processes();
  const roots = new Set(all.filter((p) => p.command.includes(text)).map((p) => p.pid));
  return all.filter((p) => roots.has(p.pid) || roots.has(p.parent)).map((p) => p.pid);
}

/**
 * CPU used by named groups of processes between start() and stop(): where a 2-core machine's
 * time goes while a benchmark runs. Groups are looked up again at stop, so processes started in
 * between (PostgreSQL backends) count from their start.
 */
export function cpuAccount(groups: Record<string, () => number[]>): { stop(): Record<string, number> } {
  const before = new Map<number, number>();
  for (const find of Object.values(groups)) for (const pid of find()) before.set(pid, cpuSeconds(pid));
  return {
    stop: () => {
      const used: Record<string, number> = {};
      for (const [name, find] of Object.entries(groups)) {
        used[name] = find().reduce((sum, pid) => sum + cpuSeconds(pid) - (before.get(pid) ?? 0), 0);
      }
      return used;
    },
  };
}

/**
 * CPU seconds the hypervisor gave to others while this virtual machine wanted to run (the `steal`
 * field of /proc/stat, all cores), between start and stop: why the same benchmark on this shared
 * machine can take twice as long minutes later. 0 where the kernel does not count it.
 */
export function stealAccount(): { stop(): number } {
  const before = stolenSeconds();
  return { stop: () => stolenSeconds() - before };
}

function stolenSeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    return Number(fields[8] ?? 0) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CALIBRATION_TEXT = JSON.stringify({ sku: 'SKU-00042', amount: '129.99', currency: 'PLN', priceType: 'regular', effectiveFrom: '2026-11-27T00:00:00Z' });

/**
 * A fixed piece of CPU work in this thread (JSON.parse of a price's data, 200,000 times), as
 * operations per second: how fast a core of this shared machine is right now. Its speed has moved
 * by 2x within an hour with no steal counted (other tenants' load on the host), and every figure
 * of a run moves with it, so benches print it beside their figures.
 */
export function coreSpeed(): number {
  const rounds = 200_000;
  let kept = 0;
  const started = performance.now();
  for (let n = 0; n < rounds; n += 1) kept += (JSON.parse(CALIBRATION_TEXT) as { amount: string }).amount.length;
  const seconds = (performance.now() - started) / 1000;
  if (kept !== rounds * 6) throw new Error('calibration parsed something else');
  return Math.round(rounds / seconds);
}
