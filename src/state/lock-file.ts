/**
 * Reading `state.lock` and deciding whether its holder is gone. Kept apart from the locking protocol
 * so the staleness rules can be read (and tested) on their own.
 */
import { open } from 'node:fs/promises';
import { codeOf } from './atomic-write.js';

/** What a lock file says about the run holding it. */
export interface LockInfo {
  /** Process id of the run. */
  pid: number;
  /** Host the run is on; a pid means nothing on another machine. */
  hostname: string;
  /** When the run took the lock (ISO 8601). */
  started_at: string;
  /** The task file of the run, so that a run of another task file knows to use a directory of its own. */
  task_file?: string;
}

/** A lock file as found on disk. */
export interface LockFile {
  /** The exact text, or `undefined` when it could not be read. */
  raw: string | undefined;
  /** The parsed content, or `undefined` when it is unreadable or not a lock. */
  info: LockInfo | undefined;
  /** Inode and content together: a lock replaced by another process never has the same identity. */
  identity: string;
}

/** Whether the holder is gone, and why (for the take-over warning). */
export type Verdict = { stale: false } | { stale: true; why: string };

/** A lock from another machine cannot be checked; after this long its run is assumed gone. */
export const FOREIGN_LOCK_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The lock file, or `null` when there is none. */
export async function readLockFile(file: string): Promise<LockFile | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    return { raw: undefined, info: undefined, identity: `unreadable:${codeOf(error) ?? 'error'}` };
  }
  try {
    const { ino } = await handle.stat();
    const raw = await handle.readFile('utf8');
    return { raw, info: parseLockInfo(raw), identity: `${ino}:${raw}` };
  } finally {
    await handle.close();
  }
}

export function parseLockInfo(raw: string): LockInfo | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { pid, hostname, started_at } = data as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  if (typeof hostname !== 'string' || typeof started_at !== 'string') return undefined;
  if (Number.isNaN(Date.parse(started_at))) return undefined;
  const taskFile = (data as Record<string, unknown>).task_file;
  return { pid, hostname, started_at, ...(typeof taskFile === 'string' ? { task_file: taskFile } : {}) };
}

/** What `judgeLock` compares against. */
export interface JudgeContext {
  /** This process's own lock content. */
  me: LockInfo;
  /** Current time, ms since the epoch. */
  now: number;
  isAlive: (pid: number) => boolean;
}

export function judgeLock(lock: LockFile, ctx: JudgeContext): Verdict {
  const { info } = lock;
  if (info === undefined) return { stale: true, why: 'the lock file is unreadable or not a lock' };
  if (info.hostname === ctx.me.hostname) {
    // Our own pid means another store in this very process holds it: that run is alive.
    if (info.pid === ctx.me.pid || ctx.isAlive(info.pid)) return { stale: false };
    return { stale: true, why: `process ${info.pid} is no longer running` };
  }
  if (ctx.now - Date.parse(info.started_at) > FOREIGN_LOCK_MAX_AGE_MS) {
    return { stale: true, why: `it was taken on another host more than 24 hours ago` };
  }
  return { stale: false };
}
