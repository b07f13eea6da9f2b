import type { TaskConfig } from '../config/types.js';
import type { Intervention } from '../state/run-state.js';
import { markSkipped } from '../state/state-mutations.js';
import type { RunContext } from './run-context.js';

/** What the run does after a decision: run the task again, move on, or end. */
export type DecisionEffect = 'rerun' | 'continue' | 'abort' | 'too-many-failures';

/**
 * Applies a person's decision about a task (§6): retry grants a fresh set of attempts and clears the
 * non-progress count; skip moves on (and counts toward `max_consecutive_failures`); abort ends the run.
 */
export function applyDecision(
  ctx: RunContext,
  task: TaskConfig,
  decision: Intervention,
  givenUp: boolean,
): DecisionEffect {
  const { state } = ctx;
  state.user_interventions[task.id] = decision;
  state.needs_intervention = null;
  switch (decision) {
    case 'retry':
      state.completed_task_ids = state.completed_task_ids.filter((id) => id !== task.id);
      state.skipped_task_ids = state.skipped_task_ids.filter((id) => id !== task.id);
      state.attempt_allowances[task.id] = (state.attempt_counts[task.id] ?? 0) + task.max_attempts;
      state.non_progress_counts[task.id] = 0;
      return 'rerun';
    case 'skip':
      if (givenUp) return skipGivenUp(ctx, task);
      markSkipped(state, task.id);
      ctx.events({ type: 'task-end', taskId: task.id, outcome: 'skipped' });
      return 'continue';
    case 'abort':
      state.status = 'aborted';
      return 'abort';
  }
}

/** A given-up task is passed over; too many of those in a row stop the run. */
export function skipGivenUp(ctx: RunContext, task: TaskConfig): DecisionEffect {
  markSkipped(ctx.state, task.id);
  ctx.state.consecutive_failures += 1;
  ctx.events({ type: 'task-end', taskId: task.id, outcome: 'skipped' });
  return ctx.state.consecutive_failures >= ctx.config.max_consecutive_failures
    ? 'too-many-failures'
    : 'continue';
}
