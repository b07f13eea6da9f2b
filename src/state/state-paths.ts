/**
 * Names of the files inside a state directory, and how to show them in messages. Messages carry shell
 * commands the user can paste, so paths are quoted when the shell would split or expand them.
 */
import { join } from 'node:path';

export const STATE_FILE = 'state.json';
export const BACKUP_FILE = 'state.json.bak';
export const LOCK_FILE = 'state.lock';
/** Prefix of the temporary file a save writes before renaming it over `state.json`. */
export const TMP_PREFIX = 'state.json.tmp-';
/** Per-task logs of a run: `logs/<task-id>/`. */
export const LOGS_DIR = 'logs';
/**
 * Runs of the second and later task files in one state directory: `runs/<slug>/` holds that run's own
 * `state.json`, `state.lock` and `logs/` (see docs/state-and-resume.md, "Several task files").
 */
export const RUNS_DIR = 'runs';

/**
 * The directory name of a task file's run under `runs/`: the path relative to the repository root
 * without its YAML extension, every run of other characters as one `-` (`ci/nightly.yml` → `ci-nightly`).
 */
export function runSlug(taskFile: string): string {
  const slug = taskFile
    .replace(/\.ya?ml$/i, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug === '' ? 'tasks' : slug;
}

/** Where the files of one state directory are, on disk and as shown to the user. */
export interface StatePaths {
  /** The directory on disk. */
  readonly dir: string;
  /** The directory as messages show it (`.taskmaster`), without a trailing separator. */
  readonly displayDir: string;
  /** Real path of a file in the directory. */
  file(name: string): string;
  /** The same file as messages show it, quoted for a POSIX shell when needed. */
  show(name: string): string;
}

export function statePaths(dir: string, displayDir: string = dir): StatePaths {
  const shown = trimSeparators(displayDir);
  return {
    dir,
    displayDir: shown,
    file: (name) => join(dir, name),
    show: (name) => shellQuote(`${shown}/${name}`),
  };
}

/** The directory itself as a shell argument, with the trailing slash the guide shows (`.taskmaster/`). */
export function showDir(paths: StatePaths): string {
  return shellQuote(`${paths.displayDir}/`);
}

function trimSeparators(p: string): string {
  // `/` becomes `` so that `${dir}/state.json` still reads `/state.json`.
  return p === '' ? '.' : p.replace(/[\\/]+$/, '');
}

/** Leaves ordinary paths as they are; wraps the rest in single quotes. */
export function shellQuote(s: string): string {
  if (/^[\w./:@%+=,~-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
