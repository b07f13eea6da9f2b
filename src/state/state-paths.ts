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
