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
        return `${name} failed (exit code ${failure.exitCode})`;
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
  if (result.exitCode !== null) return `${name} failed (exit code ${result.exitCode})`;
  return `${name} failed`;
}
