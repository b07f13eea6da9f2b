import type { HookResult } from './types.js';

/**
 * One line saying why a hook did not pass, e.g. `test hook failed (exit code 1)` or
 * `test hook timed out after 300s`: what state keeps in `last_errors` and status shows as
 * "Last error".
 */
export function describeHookFailure(result: HookResult): string {
  const name = `${result.hook} hook`;
  const failure = result.failure;
  if (failure) {
    switch (failure.kind) {
      case 'exit':
        return `${name} failed (${describeExitCode(failure.exitCode, result)})`;
      case 'signal':
        return `${name} failed (killed by ${failure.signal})`;
      case 'timeout':
        return `${name} timed out after ${failure.timeoutSeconds}s`;
      case 'interrupted':
        return `${name} was interrupted`;
      case 'not-started':
        return `${name} could not start: ${failure.message}`;
    }
  }
  return describeWithoutDetail(name, result);
}

/** For results made without `failure` (fakes, older records). */
function describeWithoutDetail(name: string, result: HookResult): string {
  if (result.passed) return `${name} passed`;
  if (result.timedOut) return `${name} timed out`;
  if (result.exitCode !== null) return `${name} failed (${describeExitCode(result.exitCode, result)})`;
  return `${name} failed`;
}

/**
 * `exit code 1`; the shell's own codes are named, since a missing tool in CI is a setup problem, not a
 * test failure: `exit code 127, command not found: ruff`, `exit code 126, not executable: ./lint.sh`.
 * The name comes from the shell's message in the output, else the command's first word.
 */
export function describeExitCode(exitCode: number, hook: Pick<HookResult, 'command' | 'output'>): string {
  const what = SHELL_CODES[exitCode];
  if (what === undefined) return `exit code ${exitCode}`;
  const said = what.pattern.exec(hook.output)?.[1];
  const name = said ?? hook.command.trim().split(/\s+/)[0] ?? hook.command;
  return `exit code ${exitCode}, ${what.label}: ${name}`;
}

/** sh, dash, bash and busybox say `ruff: not found` / `ruff: command not found` / `x: Permission denied`. */
const SHELL_CODES: Readonly<Record<number, { label: string; pattern: RegExp }>> = {
  127: { label: 'command not found', pattern: /([^\s:]+): (?:command )?not found/ },
  126: { label: 'not executable', pattern: /([^\s:]+): (?:Permission denied|cannot execute)/i },
};
