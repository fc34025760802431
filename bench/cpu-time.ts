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
