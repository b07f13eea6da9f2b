import { execFile } from 'node:child_process';

/**
 * Read-only git queries for the prompt context. `undefined` means git could not answer (not a
 * repository, git missing): the caller then falls back to reading the directory itself.
 */
export function runGit(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // Paths in the output stay byte-for-byte (no octal escaping of non-ASCII names).
      ['-c', 'core.quotePath=false', ...args],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/** Splits `-z` output into its entries. */
export function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}
