import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The git top-level of `cwd`, or `cwd` itself (symlinks resolved) when it is not inside a git repository. */
export async function findRepoRoot(cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
    const top = stdout.trim();
    if (top !== '') return top;
  } catch {
    // Not a repository, or git is not installed: the working directory is the root.
  }
  return realpath(cwd);
}

/** The state directory (§2): `TASKMASTER_STATE_DIR` resolved against `cwd`, else `.taskmaster` at the repository root. */
export function stateDirFor(cwd: string, repoRoot: string, env: Record<string, string | undefined>): string {
  const override = env.TASKMASTER_STATE_DIR;
  return override !== undefined && override !== '' ? resolve(cwd, override) : join(repoRoot, '.taskmaster');
}
