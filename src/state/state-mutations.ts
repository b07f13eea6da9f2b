/**
 * Small changes the engine makes to a `RunState`. Each mutates the state it is given and returns it,
 * so a caller can change and save in one line. None of them saves: the engine decides when.
 */
import type { Usage } from '../providers/provider.js';
import type { RunState } from './run-state.js';

const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens'] as const;

function zeroUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 };
}

function addInto(target: Usage, usage: Usage): void {
  for (const key of USAGE_KEYS) target[key] += usage[key];
}

/** Adds one response's usage to the run total, the provider's total, the task's total and the attempt's. */
export function recordUsage(
  state: RunState,
  provider: string,
  taskId: string,
  attempt: number,
  usage: Usage,
): RunState {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, got ${attempt}`);
  }
  const totals = state.token_usage;
  addInto(totals.total, usage);
  addInto((totals.by_provider[provider] ??= zeroUsage()), usage);
  const task = (totals.by_task[taskId] ??= { ...zeroUsage(), attempts: [] });
  addInto(task, usage);
  while (task.attempts.length < attempt) task.attempts.push(zeroUsage());
  addInto(task.attempts[attempt - 1] ?? zeroUsage(), usage);
  return state;
}

/** The task is done; `commit` is the commit `--auto-apply` made for it. A success ends a failure streak. */
export function markCompleted(state: RunState, taskId: string, commit?: string): RunState {
  addOnce(state.completed_task_ids, taskId);
  state.skipped_task_ids = state.skipped_task_ids.filter((id) => id !== taskId);
  if (commit !== undefined) state.applied_commits[taskId] = commit;
  if (state.pending_commits) state.pending_commits = state.pending_commits.filter((id) => id !== taskId);
  state.consecutive_failures = 0;
  return state;
}

/** The task is passed over (a person's `skip`, or `on_give_up: skip`). */
export function markSkipped(state: RunState, taskId: string): RunState {
  addOnce(state.skipped_task_ids, taskId);
  state.completed_task_ids = state.completed_task_ids.filter((id) => id !== taskId);
  return state;
}

/** Stamps `updated_at`; call before every save. */
export function touch(state: RunState, now: Date | number): RunState {
  state.updated_at = new Date(now).toISOString();
  return state;
}

function addOnce(ids: string[], id: string): void {
  if (!ids.includes(id)) ids.push(id);
}
