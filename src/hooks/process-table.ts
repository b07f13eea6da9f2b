import { readdirSync, readFileSync } from 'node:fs';

/**
 * A snapshot of the processes on the machine, read from Linux's /proc. Elsewhere it is empty, and
 * killing a hook's tree falls back on its process group alone.
 */

export interface ProcessInfo {
  pid: number;
  /** Parent process id. */
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** Session id. */
  sid: number;
  /** One-letter state from /proc/<pid>/stat; `Z` is a zombie (dead, not yet reaped). */
  state: string;
  /** Start time in clock ticks since boot: tells a process from a later one that reused its pid. */
  startTime: number;
}

/** Every process visible in /proc; unreadable entries (processes that just ended) are skipped. */
export function readProcessTable(procDir = '/proc'): ProcessInfo[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  const table: ProcessInfo[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcessInfo(procDir, Number(entry));
    if (info) table.push(info);
  }
  return table;
}

/** One process's entry, or `undefined` when it is gone. */
export function readProcessInfo(procDir: string, pid: number): ProcessInfo | undefined {
  try {
    return parseStat(pid, readFileSync(`${procDir}/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Parses `pid (comm) state ppid pgrp session ...`; `comm` may contain spaces and parentheses. */
export function parseStat(pid: number, stat: string): ProcessInfo | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, ppid, pgid, sid] = fields;
  // `fields` starts at field 3 (state) of proc(5)'s list, so field 22 (starttime) is at index 19.
  const startTime = fields[19];
  if (state === undefined || ppid === undefined || pgid === undefined || sid === undefined) return undefined;
  if (startTime === undefined) return undefined;
  return {
    pid,
    state,
    ppid: Number(ppid),
    pgid: Number(pgid),
    sid: Number(sid),
    startTime: Number(startTime),
  };
}

/**
 * True while `pid` is running. A zombie counts as gone: on machines whose init does not reap
 * orphans (some containers) a killed grandchild stays a zombie forever, yet holds nothing.
 */
export function isProcessAlive(pid: number, procDir = '/proc'): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: the pid was reused by someone else's process, so ours is gone too.
    return false;
  }
  return readProcessInfo(procDir, pid)?.state !== 'Z';
}
