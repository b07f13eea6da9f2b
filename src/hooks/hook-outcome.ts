import { statSync } from 'node:fs';
import type { HookConfig } from '../config/types.js';
import type { HookProcessOutcome } from './hook-process.js';
import type { HookFailure } from './types.js';

/** How one run of a hook ended, in the terms of `HookResult`. */

/** Why the run did not pass, or `undefined` when it passed (exit code 0). */
export function failureOf(outcome: HookProcessOutcome, hook: HookConfig): HookFailure | undefined {
  switch (outcome.kind) {
    case 'exited':
      return outcome.exitCode === 0 ? undefined : { kind: 'exit', exitCode: outcome.exitCode };
    case 'signaled':
      return { kind: 'signal', signal: outcome.signal };
    case 'timed-out':
      return { kind: 'timeout', timeoutSeconds: hook.timeout };
    case 'interrupted':
      return { kind: 'interrupted' };
    case 'not-started':
      return { kind: 'not-started', message: outcome.message };
  }
}

/** A failed run is worth repeating unless it never started or the whole run is being interrupted. */
export function isRetryable(outcome: HookProcessOutcome): boolean {
  if (outcome.kind === 'exited') return outcome.exitCode !== 0;
  return outcome.kind === 'signaled' || outcome.kind === 'timed-out';
}

/** TaskMaster's own line added to the output when the process did not simply exit. */
export function noteFor(outcome: HookProcessOutcome, hook: HookConfig): string | undefined {
  switch (outcome.kind) {
    case 'timed-out':
      return `[taskmaster] ${hook.name} hook timed out after ${hook.timeout}s; its processes were killed`;
    case 'interrupted':
      return `[taskmaster] ${hook.name} hook interrupted; its processes were killed`;
    case 'not-started':
      return `[taskmaster] ${hook.name} hook not run: ${outcome.message}`;
    default:
      return undefined;
  }
}

/** What is wrong with the directory a hook would run in, with the fix; `undefined` when it is usable. */
export function workingDirProblem(cwd: string, hook: HookConfig): string | undefined {
  const what = hook.working_dir === undefined ? 'the repository root' : 'working directory';
  const fix =
    hook.working_dir === undefined
      ? 'run TaskMaster from inside the repository'
      : `create it, or fix \`hooks.${hook.name}.working_dir\` (relative to the repository root)`;
  try {
    if (statSync(cwd).isDirectory()) return undefined;
    return `${what} ${cwd} is not a directory; ${fix}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `${what} ${cwd} does not exist; ${fix}`;
    return `${what} ${cwd} cannot be used (${(error as Error).message}); ${fix}`;
  }
}
