import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exec } from '../util/exec.js';

/** The git top-level of `cwd`, or `cwd` itself (symlinks resolved) when it is not inside a git repository. */
export async function findRepoRoot(cwd: string): Promise<string> {
  // Not a repository, or git is not installed: the working directory is the root.
  const result = await exec('git', ['rev-parse', '--show-toplevel'], { cwd }).catch(() => undefined);
  const top = result?.code === 0 ? result.stdout.trim() : '';
  return top !== '' ? top : realpath(cwd);
}

/** The state directory (§2): `TASKMASTER_STATE_DIR` resolved against `cwd`, else `.taskmaster` at the repository root. */
export function stateDirFor(cwd: string, repoRoot: string, env: Record<string, string | undefined>): string {
  const override = env.TASKMASTER_STATE_DIR;
  return override !== undefined && override !== '' ? resolve(cwd, override) : join(repoRoot, '.taskmaster');
}
