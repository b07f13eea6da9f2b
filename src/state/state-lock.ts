/**
 * One run per state directory (§10). `state.lock` holds `{pid, hostname, started_at}` and is created
 * exclusively: the content is written to a private file and hard-linked into place, so the lock never
 * exists half-written (a reader would otherwise take an empty lock for a stale one).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { StateError } from '../errors.js';
import { systemClock, type Clock } from '../engine/ports.js';
import { codeOf, removeIfPresent } from './atomic-write.js';
import { readLockFile, judgeLock, type LockFile, type LockInfo, type Verdict } from './lock-file.js';
import { LOCK_FILE, shellQuote, type StatePaths } from './state-paths.js';
import type { StateLock } from './state-store.js';

/** Collaborators and context of `acquireStateLock`; all optional except for tests that fake them. */
export interface LockOptions {
  /** Time written as `started_at` and used to age other hosts' locks. */
  clock?: Clock;
  /** This machine's name (default `os.hostname()`). */
  hostname?: string;
  /** This process (default `process.pid`). */
  pid?: number;
  /** Whether a process on this host is running (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
  /** Told when a stale lock is taken over. */
  onWarning?: (message: string) => void;
  /** The task file to show in the "separate state directory" advice. */
  taskFile?: string;
  /** The task file of the run taking the lock, written into it (see `LockInfo.task_file`). */
  owner?: string;
  /** The state directory as messages show it, when the lock is in one of its `runs/` (default: the lock's). */
  stateDirShown?: string;
}

/** How often to look again while another process is busy taking over a stale lock. */
const TAKEOVER_ROUNDS = 40;
const TAKEOVER_PAUSE_MS = 25;
/** A takeover guard this old belongs to a process that died in the middle of a takeover. */
const ABANDONED_GUARD_MS = 10_000;
const GUARD_FILE = `${LOCK_FILE}.takeover`;

export async function acquireStateLock(paths: StatePaths, opts: LockOptions = {}): Promise<StateLock> {
  const clock = opts.clock ?? systemClock;
  const me: LockInfo = {
    pid: opts.pid ?? process.pid,
    hostname: opts.hostname ?? osHostname(),
    started_at: new Date(clock.now()).toISOString(),
    ...(opts.owner !== undefined && { task_file: opts.owner }),
  };
  const mine = `${JSON.stringify(me, null, 2)}\n`;
  const judge = (lock: LockFile): Verdict =>
    judgeLock(lock, { me, now: clock.now(), isAlive: opts.isAlive ?? isProcessAlive });
  let last: LockFile | null = null;
  for (let round = 0; round < TAKEOVER_ROUNDS; round += 1) {
    if (await createExclusive(paths.file(LOCK_FILE), mine)) return heldLock(paths, mine);
    last = await readLockFile(paths.file(LOCK_FILE));
    if (last === null) continue; // released between our attempt and the read: try again
    const verdict = judge(last);
    if (!verdict.stale) throw lockedError(paths, last, opts);
    if (await takeOver(paths, last, mine)) {
      opts.onWarning?.(takeoverWarning(paths, last, verdict.why));
      return heldLock(paths, mine);
    }
    await clock.sleep(TAKEOVER_PAUSE_MS);
  }
  throw lockedError(paths, last, opts);
}

/**
 * Replaces a stale lock. Two processes may judge the same lock stale; the guard file (created
 * exclusively) lets only one of them check-and-replace at a time, and the check confirms the lock is
 * still the very file judged stale, so a lock just taken by the winner is never removed by the loser.
 */
async function takeOver(paths: StatePaths, stale: LockFile, mine: string): Promise<boolean> {
  const guard = paths.file(GUARD_FILE);
  if (!(await createExclusive(guard, mine))) {
    await clearAbandonedGuard(guard);
    return false;
  }
  try {
    const current = await readLockFile(paths.file(LOCK_FILE));
    if (current !== null && current.identity !== stale.identity) return false;
    await removeIfPresent(paths.file(LOCK_FILE));
    return await createExclusive(paths.file(LOCK_FILE), mine);
  } finally {
    await removeIfPresent(guard);
  }
}

/** The guard's age is read from the filesystem, so it is measured with the real clock. */
async function clearAbandonedGuard(guard: string): Promise<void> {
  try {
    const { mtimeMs } = await stat(guard);
    if (Date.now() - mtimeMs > ABANDONED_GUARD_MS) await removeIfPresent(guard);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/** Creates `file` with `content` unless it exists. Returns whether this call created it. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const staging = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(staging, content, { flag: 'wx' });
  try {
    await link(staging, file);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(error) ?? '')) throw error;
    return createWithoutLink(file, content);
  } finally {
    await unlink(staging);
  }
}

/** For filesystems without hard links: plain O_EXCL, with its brief empty-file window. */
async function createWithoutLink(file: string, content: string): Promise<boolean> {
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

function heldLock(paths: StatePaths, mine: string): StateLock {
  // A process that exits at once (a second Ctrl+C) still leaves no lock behind; 'exit' allows only
  // synchronous work.
  const releaseOnExit = (): void => {
    try {
      if (readFileSync(paths.file(LOCK_FILE), 'utf8') === mine) unlinkSync(paths.file(LOCK_FILE));
    } catch {
      // Already gone, or unreadable: nothing of ours to remove.
    }
  };
  process.once('exit', releaseOnExit);
  return {
    release: async () => {
      process.off('exit', releaseOnExit);
      const current = await readLockFile(paths.file(LOCK_FILE));
      // Another process may have taken the lock over (it judged us stale); its lock is not ours to remove.
      if (current?.raw === mine) await removeIfPresent(paths.file(LOCK_FILE));
    },
  };
}

/** `process.kill(pid, 0)` sends nothing; it only asks whether the process exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return codeOf(error) !== 'ESRCH';
  }
}

function describeHolder(lock: LockFile | null): string {
  if (lock?.info === undefined) return 'another process';
  const { pid, hostname, started_at, task_file } = lock.info;
  return `pid ${pid} on host ${hostname} (started ${started_at}${task_file ? `, running ${task_file}` : ''})`;
}

function lockedError(paths: StatePaths, lock: LockFile | null, opts: LockOptions): StateError {
  const lockShown = paths.show(LOCK_FILE);
  const dir = opts.stateDirShown ?? paths.displayDir;
  const taskFile = opts.taskFile ?? 'tasks.yml';
  const message = [
    `Another TaskMaster run is using the state directory ${shellQuote(dir)}: ` +
      `${lockShown} is held by ${describeHolder(lock)}.`,
    'Wait for that run to finish, or give this run its own state directory:',
    `  TASKMASTER_STATE_DIR=${shellQuote(`${dir}-2`)} taskmaster run ${shellQuote(taskFile)}`,
    `If no run is active, delete the lock and try again: rm ${lockShown}`,
  ].join('\n');
  return new StateError('locked', paths.file(LOCK_FILE), message);
}

function takeoverWarning(paths: StatePaths, lock: LockFile, why: string): string {
  return `Took over a stale state lock ${paths.show(LOCK_FILE)} held by ${describeHolder(lock)}: ${why}.`;
}
