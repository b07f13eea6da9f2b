import type { TaskConfig } from '../config/types.js';
import type { PreviousAttempt } from '../prompts/types.js';
import { markCompleted } from '../state/state-mutations.js';
import { type AttemptOutcome, describeFailure, describeFailureDetail, runAttempt } from './attempt.js';
import { interruptedError, isInterrupted } from './interrupt.js';
import { forgetFailure, rememberFailure, resumedPrevious } from './previous-attempt.js';
import { commitVerified, reverifyPendingCommit } from './task-commit.js';
import type { RunContext } from './run-context.js';

/** How a task's attempts ended: done, out of attempts (or progress), or stopped by `--stop-on-first-failure`. */
export type TaskResult = 'completed' | 'given-up' | 'stopped';

/** Attempts a task may use in total: its own maximum, plus a fresh set per `retry` decision. */
export function attemptAllowance(ctx: RunContext, task: TaskConfig): number {
  return ctx.state.attempt_allowances[task.id] ?? task.max_attempts;
}

export function canAttempt(ctx: RunContext, task: TaskConfig): boolean {
  const { state, config } = ctx;
  const stuck =
    config.detect_non_progress && (state.non_progress_counts[task.id] ?? 0) >= config.max_non_progress;
  return !stuck && (state.attempt_counts[task.id] ?? 0) < attemptAllowance(ctx, task);
}

export async function runTask(ctx: RunContext, task: TaskConfig): Promise<TaskResult> {
  ctx.writes.begin(ctx.state, task.id);
  if (await reverifyPendingCommit(ctx, task)) {
    await complete(ctx, task, { kind: 'passed', summary: '', unverified: task.post_hooks.length === 0 });
    return 'completed';
  }
  let previous = resumedPrevious(ctx, task);
  while (canAttempt(ctx, task)) {
    const attempt = (ctx.state.attempt_counts[task.id] ?? 0) + 1;
    ctx.state.attempt_counts[task.id] = attempt;
    await ctx.save();
    ctx.events({ type: 'attempt-start', taskId: task.id, attempt, maxAttempts: attemptAllowance(ctx, task) });
    const outcome = await runCountedAttempt(ctx, task, attempt, previous);
    if (outcome.kind === 'passed') {
      await complete(ctx, task, outcome);
      return 'completed';
    }
    previous = await recordFailure(ctx, task, attempt, outcome);
    if (ctx.options.stopOnFirstFailure) return 'stopped';
  }
  return 'given-up';
}

/**
 * Runs one attempt. An attempt that a pause or an interruption cut short does not count: API waits and
 * Ctrl+C never use up a task's attempts, and the attempt runs again on resume.
 */
async function runCountedAttempt(
  ctx: RunContext,
  task: TaskConfig,
  attempt: number,
  previous: PreviousAttempt | undefined,
): Promise<AttemptOutcome> {
  try {
    const outcome = await runAttempt(ctx, task, attempt, previous);
    if (isInterrupted(ctx)) throw interruptedError();
    return outcome;
  } catch (error) {
    ctx.state.attempt_counts[task.id] = attempt - 1;
    await ctx.save();
    throw error;
  }
}

async function complete(
  ctx: RunContext,
  task: TaskConfig,
  outcome: Extract<AttemptOutcome, { kind: 'passed' }>,
): Promise<void> {
  if (outcome.unverified) {
    ctx.events({
      type: 'warning',
      message: `${task.id}: no post-hooks are configured, so nothing verified this task`,
    });
  }
  const attempt = ctx.state.attempt_counts[task.id] ?? 1;
  ctx.events({ type: 'attempt-end', taskId: task.id, attempt, passed: true });
  // The commit comes first so that state never claims a task whose changes were not committed.
  const commit =
    ctx.options.autoApply && ctx.git ? await commitVerified(ctx, task, commitMessage(task)) : null;
  if (commit && ctx.onCommitted) await ctx.onCommitted(task, commit);
  markCompleted(ctx.state, task.id, commit ?? undefined);
  forgetFailure(ctx.state, task.id);
  ctx.state.consecutive_failures = 0;
  await ctx.save();
  ctx.logs.line(task.id, 'agent.log', `task completed${commit ? ` (commit ${commit.slice(0, 12)})` : ''}`);
  ctx.events({ type: 'task-end', taskId: task.id, outcome: 'completed' });
}

export function commitMessage(task: TaskConfig): string {
  return `taskmaster(${task.id}): ${task.title}`;
}

async function recordFailure(
  ctx: RunContext,
  task: TaskConfig,
  attempt: number,
  outcome: Extract<AttemptOutcome, { kind: 'hook-failed' }>,
): Promise<PreviousAttempt> {
  const { state } = ctx;
  const error = describeFailure(outcome);
  state.failure_counts[task.id] = (state.failure_counts[task.id] ?? 0) + 1;
  state.last_errors[task.id] = error;
  state.error_history[task.id] = [
    ...(state.error_history[task.id] ?? []),
    describeFailureDetail(outcome, { repoRoot: ctx.config.repoRoot }),
  ].slice(-10);
  // The guide finds every failure with `grep -r "ERROR" .taskmaster/logs/`.
  ctx.logs.line(task.id, 'error.log', `ERROR attempt ${attempt}: ${error}`);
  for (const hook of outcome.failed)
    ctx.logs.append(task.id, 'error.log', `$ ${hook.command}\n${hook.output}`);
  ctx.events({ type: 'attempt-end', taskId: task.id, attempt, passed: false, error });
  if (outcome.noProgress) {
    const count = (state.non_progress_counts[task.id] ?? 0) + 1;
    state.non_progress_counts[task.id] = count;
    ctx.events({ type: 'non-progress', taskId: task.id, count, max: ctx.config.max_non_progress });
  }
  const previous = rememberFailure(ctx, task, attempt, outcome, error);
  await ctx.save();
  return previous;
}
