/**
 * Recognising TaskMaster state directories among a repository's paths — this run's and any other's
 * (`TASKMASTER_STATE_DIR=.taskmaster-2`, another checkout's `.taskmaster`) — so that snapshots, prompt
 * context and commits leave every one of them out (docs/state-and-resume.md, "Parallel runs").
 * A directory counts when it holds a `state.json` or `state.lock` that TaskMaster wrote: the state's
 * `version` and `task_file`, or the lock's pid, host and start time. Its name does not matter.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseLockInfo } from './lock-file.js';
import { LOCK_FILE, RUNS_DIR, STATE_FILE } from './state-paths.js';

/**
 * The state directories among `paths` (repository-relative, POSIX separators; a directory may be given
 * as itself, as `git status` shows an untracked one), outermost only, sorted.
 */
export async function findStateDirs(repoRoot: string, paths: Iterable<string>): Promise<string[]> {
  const candidates = new Set<string>();
  for (const p of paths) {
    const trimmed = p.replace(/\/+$/, '');
    const base = path.posix.basename(trimmed);
    if (base === STATE_FILE || base === LOCK_FILE) candidates.add(path.posix.dirname(trimmed));
    else if (p.endsWith('/')) candidates.add(trimmed);
  }
  const found: string[] = [];
  for (const dir of candidates) {
    if (dir !== '.' && (await holdsTaskMasterFiles(path.join(repoRoot, dir)))) found.push(outerDir(dir));
  }
  return outermost(found);
}

/** `X/runs/<name>` is a run of the state directory `X` (see run-location.ts). */
function outerDir(dir: string): string {
  const parts = dir.split('/');
  return parts.length >= 3 && parts[parts.length - 2] === RUNS_DIR ? parts.slice(0, -2).join('/') : dir;
}

function outermost(dirs: string[]): string[] {
  const sorted = [...new Set(dirs)].sort();
  return sorted.filter((d) => !sorted.some((o) => o !== d && d.startsWith(`${o}/`)));
}

/** Its own `state.json`/`state.lock`, or those of one of its `runs/` (a first run's state archived). */
export async function holdsTaskMasterFiles(dir: string): Promise<boolean> {
  if (await holdsOwnFiles(dir)) return true;
  const runs = await readdir(path.join(dir, RUNS_DIR)).catch(() => []);
  for (const name of runs) if (await holdsOwnFiles(path.join(dir, RUNS_DIR, name))) return true;
  return false;
}

async function holdsOwnFiles(dir: string): Promise<boolean> {
  const state = await readFile(path.join(dir, STATE_FILE), 'utf8').catch(() => undefined);
  if (state !== undefined && looksLikeState(state)) return true;
  const lock = await readFile(path.join(dir, LOCK_FILE), 'utf8').catch(() => undefined);
  return lock !== undefined && parseLockInfo(lock) !== undefined;
}

function looksLikeState(text: string): boolean {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return false;
    const { version, task_file } = data as Record<string, unknown>;
    return typeof version === 'number' && typeof task_file === 'string';
  } catch {
    return false;
  }
}
