import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
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
