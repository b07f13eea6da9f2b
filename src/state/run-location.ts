/**
 * Several task files in one state directory (docs/state-and-resume.md, "Several task files"). The first
 * task file to run owns the directory's own `state.json`, `state.lock` and `logs/` — exactly the guide's
 * layout for a repository with one task file; every other task file gets `runs/<slug>/` with the same
 * three of its own. A run is found by the task file recorded in its state (or, before its first save, in
 * its lock), never by the directory's name.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StateError } from '../errors.js';
import { codeOf } from './atomic-write.js';
import { readLockFile } from './lock-file.js';
import type { RunState } from './run-state.js';
import { parseStateText } from './state-file-format.js';
import { acquireStateLock, type LockOptions } from './state-lock.js';
import { LOCK_FILE, RUNS_DIR, STATE_FILE, runSlug, statePaths, type StatePaths } from './state-paths.js';
import type { StateLock } from './state-store.js';

/** One run's place in a state directory. */
export interface RunPlace {
  /** The run's files (`state.json`, `state.lock`, `logs/`). */
  paths: StatePaths;
  /** True for the state directory itself, false for a `runs/<slug>/` directory. */
  primary: boolean;
}

/** A run that has saved state, as `status` and `resume` list them. */
export interface SavedRun extends RunPlace {
  /** Its task file, relative to the repository root, as recorded in the state. */
  taskFile: string;
  /** The state, or `undefined` when the file does not load (the run's own commands then explain why). */
  state: RunState | undefined;
}

/** Who a place belongs to: nobody yet, a task file, or a state file too damaged to tell. */
type Owner = { kind: 'free' } | { kind: 'owned'; taskFile: string } | { kind: 'unreadable' };

/** Claims give up after this many places were taken from under them by runs starting at the same time. */
const CLAIM_ROUNDS = 8;
/** Slug collisions (`a-b.yml` and `a/b.yml`) get `-2`, `-3`, ... up to this many. */
const MAX_SLUG_SUFFIX = 20;

/** Every run of the directory that has a `state.json`, the directory's own first. */
export async function listRuns(stateDir: string, displayDir: string = stateDir): Promise<SavedRun[]> {
  const runs: SavedRun[] = [];
  for (const place of await placesIn(stateDir, displayDir)) {
    const text = await readText(place.paths.file(STATE_FILE));
    if (text === undefined) continue;
    const parsed = parseStateText(text);
    const state = parsed.kind === 'ok' ? parsed.state : undefined;
    const taskFile = state?.task_file ?? looseTaskFile(text) ?? '(unreadable state)';
    runs.push({ ...place, taskFile, state });
  }
  return runs;
}

/**
 * The saved states of the other task files' runs in this state directory, most recently updated first.
 * Rate-limit usage describes the provider account, not the run, so a new run of a task file starts from
 * the newest usage among these (the carry-over is the engine's, in start-run.ts).
 */
export async function siblingStates(stateDir: string, taskFile: string): Promise<RunState[]> {
  const runs = await listRuns(stateDir);
  return runs
    .filter((run) => run.taskFile !== taskFile)
    .flatMap((run) => (run.state ? [run.state] : []))
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
}

/**
 * Where the run of `taskFile` is, or would start: its own place when it has one, else the directory
 * itself when free, else `runs/<slug>/`. Read-only, for looking at state without running.
 */
export async function findRunPlace(
  stateDir: string,
  taskFile: string,
  displayDir = stateDir,
): Promise<RunPlace> {
  const places = await placesIn(stateDir, displayDir);
  const owners = await Promise.all(places.map((p) => ownerOf(p.paths)));
  const own = places.find((_, i) => isOwner(owners[i], taskFile));
  if (own) return own;
  // A damaged state of unknown task file in the directory itself: its recovery message is this run's.
  if (places[0] && owners[0]?.kind !== 'owned') return places[0];
  return nextFreePlace(stateDir, displayDir, taskFile);
}

/**
 * Finds `taskFile`'s place and takes its lock. A place another task file took in the meantime (two new
 * runs starting at once) is left to it and the next one tried; a run of the same task file still holding
 * its lock is refused as before.
 */
export async function claimRunPlace(
  stateDir: string,
  taskFile: string,
  opts: LockOptions & { displayDir?: string },
): Promise<{ place: RunPlace; lock: StateLock }> {
  const displayDir = opts.displayDir ?? stateDir;
  for (let round = 0; round < CLAIM_ROUNDS; round += 1) {
    const place = await findRunPlace(stateDir, taskFile, displayDir);
    const lock = await lockPlace(place, taskFile, { ...opts, stateDirShown: displayDir });
    if (lock === 'taken') continue;
    const owner = await ownerOf(place.paths);
    if (owner.kind !== 'owned' || owner.taskFile === taskFile) return { place, lock };
    await lock.release();
  }
  throw new StateError(
    'locked',
    join(stateDir, STATE_FILE),
    `Could not find a free place for the run of ${taskFile} in ${displayDir}: other runs kept taking it. Try again.`,
  );
}

/** The lock, or `'taken'` when a run of another task file holds it (that place is not ours). */
async function lockPlace(place: RunPlace, taskFile: string, opts: LockOptions): Promise<StateLock | 'taken'> {
  await mkdir(place.paths.dir, { recursive: true });
  try {
    return await acquireStateLock(place.paths, { ...opts, owner: taskFile });
  } catch (error) {
    if (!(error instanceof StateError) || error.kind !== 'locked') throw error;
    const holder = (await readLockFile(place.paths.file(LOCK_FILE)))?.info?.task_file;
    if (holder !== undefined && holder !== taskFile) return 'taken';
    throw error;
  }
}

/**
 * The first `runs/<slug>[-n]/` that is free or already this task file's. A damaged state there is taken
 * as this run's, so that its recovery message shows instead of a silent new run beside it.
 */
async function nextFreePlace(stateDir: string, displayDir: string, taskFile: string): Promise<RunPlace> {
  const slug = runSlug(taskFile);
  for (let n = 1; n <= MAX_SLUG_SUFFIX; n += 1) {
    const place = runPlace(stateDir, displayDir, n === 1 ? slug : `${slug}-${n}`);
    const owner = await ownerOf(place.paths);
    if (owner.kind !== 'owned' || owner.taskFile === taskFile) return place;
  }
  throw new StateError(
    'locked',
    join(stateDir, RUNS_DIR, slug),
    `Every ${RUNS_DIR}/${slug}-N directory in ${displayDir} belongs to another task file; remove the old ones.`,
  );
}

/** The directory itself, then every `runs/*` in name order. */
async function placesIn(stateDir: string, displayDir: string): Promise<RunPlace[]> {
  const primary: RunPlace = { paths: statePaths(stateDir, displayDir), primary: true };
  const names = await readdir(join(stateDir, RUNS_DIR), { withFileTypes: true }).catch(() => []);
  const runs = names
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => runPlace(stateDir, displayDir, name));
  return [primary, ...runs];
}

function runPlace(stateDir: string, displayDir: string, name: string): RunPlace {
  const shown = `${displayDir.replace(/[\\/]+$/, '')}/${RUNS_DIR}/${name}`;
  return { paths: statePaths(join(stateDir, RUNS_DIR, name), shown), primary: false };
}

/** The task file in the state, else in a lock of a run that has not saved yet. */
async function ownerOf(paths: StatePaths): Promise<Owner> {
  const text = await readText(paths.file(STATE_FILE));
  if (text !== undefined) {
    const parsed = parseStateText(text);
    const taskFile = parsed.kind === 'ok' ? parsed.state.task_file : looseTaskFile(text);
    return taskFile === undefined ? { kind: 'unreadable' } : { kind: 'owned', taskFile };
  }
  const lockOwner = (await readLockFile(paths.file(LOCK_FILE)))?.info?.task_file;
  return lockOwner === undefined ? { kind: 'free' } : { kind: 'owned', taskFile: lockOwner };
}

function isOwner(owner: Owner | undefined, taskFile: string): boolean {
  return owner?.kind === 'owned' && owner.taskFile === taskFile;
}

/** `task_file` of a state that is JSON but not a valid state (so that it is still found as this run's). */
function looseTaskFile(text: string): string | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || !('task_file' in data)) return undefined;
    return typeof data.task_file === 'string' ? data.task_file : undefined;
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}
