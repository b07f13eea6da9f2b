import path from 'node:path';
import { findRepoRoot, stateDirFor } from '../config/repo-root.js';
import { FileStateStore } from '../state/file-state-store.js';
import type { Redactor } from '../util/redact.js';

export { findRepoRoot };

/** The state directory of the run `taskmaster run` would use from `cwd` (without loading the config). */
export async function findStateDir(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  return stateDirFor(cwd, await findRepoRoot(cwd), env);
}

/** A file store with paths shown as the user would type them from `cwd`; a run's masks its secrets. */
export function openStore(
  stateDir: string,
  cwd: string,
  taskFileHint?: string,
  redact?: Redactor,
): FileStateStore {
  const rel = path.relative(cwd, stateDir);
  const displayDir = rel === '' ? '.' : rel.startsWith('..') ? stateDir : rel;
  return new FileStateStore(stateDir, {
    displayDir,
    ...(taskFileHint ? { taskFileHint } : {}),
    ...(redact ? { redact } : {}),
  });
}
