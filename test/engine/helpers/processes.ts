import { readFileSync } from 'node:fs';

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
