import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process is still running. A killed process whose parent died stays a zombie until pid 1
 * reaps it, and some container inits never do: a zombie has stopped running, so it counts as gone.
 */
export function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

let sleeps = 0;

/**
 * A `sleep` argument (about 30 s) that no other process of the machine has. A sandboxed hook lives in
 * its own pid namespace, so the pids it writes down (`$!`, `$$`) mean nothing outside: tests find its
 * processes by this argument instead.
 */
export function uniqueSleep(): string {
  sleeps += 1;
  return `30.${process.pid}${sleeps}`;
}

/** Pids, as this machine sees them, of running `sleep <duration>` processes. */
export function sleepers(duration: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${duration}\0` && isRunning(Number(pid))
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}
