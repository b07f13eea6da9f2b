/**
 * What the next attempt's retry prompt knows about the task's failures. It is built from state in every
 * case — straight after the failure, and after a resume, a pause or a `retry` decision — so the model
 * gets the same prompt either way (see docs/state-and-resume.md).
 */
import type { TaskConfig } from '../config/types.js';
import { boundReport, boundText, reportFailure } from '../prompts/failure-report.js';
import type { FailedAttemptLine, PreviousAttempt } from '../prompts/types.js';
import type { LastFailure, RunState } from '../state/run-state.js';
import type { AttemptOutcome } from './attempt.js';
import type { RunContext } from './run-context.js';

/** Keeps a failed attempt's retry material in state (bounded) and returns it for the next attempt. */
export function rememberFailure(
  ctx: RunContext,
  task: TaskConfig,
  attempt: number,
  outcome: Extract<AttemptOutcome, { kind: 'hook-failed' }>,
  error: string,
): PreviousAttempt {
  const report = boundReport(reportFailure(outcome.failed, { repoRoot: ctx.config.repoRoot }));
  const failure: LastFailure = {
    attempt,
    previous_response: boundText(outcome.summary),
    error_output: report.errorOutput,
    failure_reason: report.failureReason,
    fix_suggestions: report.fixSuggestions,
  };
  (ctx.state.last_failures ??= {})[task.id] = failure;
  return previousFrom(ctx.state, task.id, failure, error, outcome.failed);
}

/** After a resume the hook output is gone, but state still has what the retry prompt needs. */
export function resumedPrevious(ctx: RunContext, task: TaskConfig): PreviousAttempt | undefined {
  const { state } = ctx;
  const attempts = state.attempt_counts[task.id] ?? 0;
  const error = state.last_errors[task.id];
  const failure = state.last_failures?.[task.id];
  if (attempts === 0) return undefined;
  if (failure) return previousFrom(state, task.id, failure, error ?? failure.failure_reason, []);
  // A state written before `last_failures` existed: the one-line error is all there is.
  return error ? { attempt: attempts, response: '', failedHooks: [], error } : undefined;
}

/** The task no longer needs its failures in a prompt. */
export function forgetFailure(state: RunState, taskId: string): void {
  if (!state.last_failures) return;
  state.last_failures = Object.fromEntries(
    Object.entries(state.last_failures).filter(([id]) => id !== taskId),
  );
}

function previousFrom(
  state: RunState,
  taskId: string,
  failure: LastFailure,
  error: string,
  failedHooks: PreviousAttempt['failedHooks'],
): PreviousAttempt {
  return {
    attempt: failure.attempt,
    response: failure.previous_response,
    failedHooks,
    error,
    report: {
      errorOutput: failure.error_output,
      failureReason: failure.failure_reason,
      fixSuggestions: failure.fix_suggestions,
    },
    history: failureHistory(state, taskId, failure.attempt),
  };
}

/**
 * `error_history` holds one line per failed attempt, the newest last, so the last line is `lastAttempt`
 * (the intervention prompt numbers them the same way).
 */
function failureHistory(state: RunState, taskId: string, lastAttempt: number): FailedAttemptLine[] {
  const lines = state.error_history[taskId] ?? [];
  const first = Math.max(1, lastAttempt - lines.length + 1);
  return lines.map((reason, i) => ({ attempt: first + i, reason }));
}
