import path from 'node:path';
import { findRepoRoot, stateDirFor } from '../config/repo-root.js';
import { FileStateStore } from '../state/file-state-store.js';
import type { Redactor } from '../util/redact.js';

export { findRepoRoot };

/** The state directory of the run `taskmaster run` would use from `cwd` (without loading the config). */
export async function findStateDir(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  return stateDirFor(cwd, await findRepoRoot(cwd), env);
}

/** The state directory as the user would type it from `cwd`. */
export function shownStateDir(stateDir: string, cwd: string): string {
  const rel = path.relative(cwd, stateDir);
  return rel === '' ? '.' : rel.startsWith('..') ? stateDir : rel;
}

/** A file store of the directory's own `state.json`, with paths shown as the user would type them. */
export function openStore(stateDir: string, cwd: string, taskFileHint?: string): FileStateStore {
  const displayDir = shownStateDir(stateDir, cwd);
  return new FileStateStore(stateDir, { displayDir, ...(taskFileHint ? { taskFileHint } : {}) });
}

/**
 * The store of one task file's run (`taskFile` relative to the repository root, as state records it):
 * the directory's own `state.json`, or its `runs/<slug>/` when another task file owns that
 * (docs/state-and-resume.md, "Several task files"). A run's store masks its secrets with `redact`.
 */
export function openRunStore(
  stateDir: string,
  cwd: string,
  taskFile: string,
  redact?: Redactor,
): FileStateStore {
  return new FileStateStore(stateDir, {
    displayDir: shownStateDir(stateDir, cwd),
    taskFile,
    ...(redact ? { redact } : {}),
  });
}
