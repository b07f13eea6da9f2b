import path from 'node:path';
import { FileStateStore } from '../state/file-state-store.js';
import { exec } from '../util/exec.js';

/** The git top-level of `cwd`, or `cwd` itself outside a repository (§2). */
export async function findRepoRoot(cwd: string): Promise<string> {
  const r = await exec('git', ['rev-parse', '--show-toplevel'], { cwd }).catch(() => null);
  return r?.code === 0 ? r.stdout.trim() : cwd;
}

/** The state directory: `TASKMASTER_STATE_DIR` (relative to cwd) or `.taskmaster` under the repo root. */
export async function findStateDir(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  const override = env.TASKMASTER_STATE_DIR;
  return override ? path.resolve(cwd, override) : path.join(await findRepoRoot(cwd), '.taskmaster');
}

/** A file store with paths shown as the user would type them from `cwd`. */
export function openStore(stateDir: string, cwd: string, taskFileHint?: string): FileStateStore {
  const rel = path.relative(cwd, stateDir);
  const displayDir = rel === '' ? '.' : rel.startsWith('..') ? stateDir : rel;
  return new FileStateStore(stateDir, { displayDir, ...(taskFileHint ? { taskFileHint } : {}) });
}
