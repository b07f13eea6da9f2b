import { exec } from '../util/exec.js';

/**
 * Read-only git queries for the prompt context. `undefined` means git could not answer (not a
 * repository, git missing): the caller then falls back to reading the directory itself.
 */
export async function runGit(cwd: string, args: string[]): Promise<string | undefined> {
  // Paths in the output stay byte-for-byte (no octal escaping of non-ASCII names).
  const result = await exec('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  }).catch(() => undefined);
  return result?.code === 0 ? result.stdout : undefined;
}

/** Splits `-z` output into its entries. */
export function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}
