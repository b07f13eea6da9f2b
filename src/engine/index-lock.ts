/**
 * A `.git/index.lock` left by a git process that crashed (or was killed with the CI job) makes every
 * later commit fail with "Unable to create '.git/index.lock': File exists". Before committing a task the
 * engine removes such a lock when it is clearly stale, and otherwise stops with a message naming it.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { indexLockPath } from './git.js';

/** A lock younger than this may belong to a git command that is just starting; leave it be. */
export const STALE_LOCK_MS = 10_000;

export type IndexLockState =
  | { kind: 'none' }
  | { kind: 'removed'; file: string; ageSeconds: number }
  /** A git process may still be using it: the user must decide. */
  | { kind: 'held'; file: string; why: string };

export interface IndexLockOptions {
  /** Wall-clock now in ms. Lock ages come from file times, so this is real time, not the run's clock. */
  now?: number;
  /** Whether a git process is running in the repository; default: read from /proc (Linux). */
  gitRunning?: (root: string) => boolean | undefined;
}

export async function clearStaleIndexLock(
  root: string,
  opts: IndexLockOptions = {},
): Promise<IndexLockState> {
  const file = await indexLockPath(root);
  if (!file) return { kind: 'none' };
  const info = await stat(file).catch(() => null);
  if (!info) return { kind: 'none' };
  const ageMs = (opts.now ?? Date.now()) - info.mtimeMs;
  const running = (opts.gitRunning ?? gitRunningIn)(root);
  if (running === true) return { kind: 'held', file, why: 'a git process is running in this repository' };
  if (running === undefined)
    return { kind: 'held', file, why: 'TaskMaster cannot tell here whether a git process is using it' };
  if (ageMs < STALE_LOCK_MS) return { kind: 'held', file, why: 'it was created moments ago' };
  await rm(file, { force: true });
  return { kind: 'removed', file, ageSeconds: Math.round(ageMs / 1000) };
}

/**
 * True when a `git` process has its working directory in the repository. `undefined` where the
 * process list cannot be read (no /proc): the caller must not guess that the lock is stale.
 */
export function gitRunningIn(root: string, procDir = '/proc'): boolean | undefined {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return undefined;
  }
  // /proc shows working directories with symlinks resolved (macOS-style /tmp links, bind mounts).
  const real = realRoot(root);
  const inside = (dir: string): boolean => dir === real || dir.startsWith(`${real}${path.sep}`);
  return entries.some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      const name = readFileSync(path.join(procDir, entry, 'comm'), 'utf8').trim();
      return /^git(-|$)/.test(name) && inside(readlinkSync(path.join(procDir, entry, 'cwd')));
    } catch {
      // Gone already, or another user's process: not one of ours in this repository.
      return false;
    }
  });
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}
