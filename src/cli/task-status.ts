/**
 * Where each task of the task file stands in a run state: the one classification the status view, the
 * debug view and the intervention hints share.
 */
import type { RunState } from '../state/run-state.js';

/** A task as the views list it: from the task file, or from the state when the file is not at hand. */
export interface TaskRef {
  /** Task id (`task-1`). */
  id: string;
  /** Task title (`Setup project structure`). */
  title: string;
}

export type TaskStanding = 'completed' | 'skipped' | 'current' | 'pending';

/** One task with its standing and counters, in task-file order. */
export interface TaskRow {
  /** 1-based position in the task file. */
  number: number;
  task: TaskRef;
  standing: TaskStanding;
  attempts: number;
  failures: number;
  nonProgress: number;
  lastError: string | undefined;
}

/**
 * Classifies every task. The current task is the first one neither completed nor skipped — matching
 * by id rather than trusting `current_task_index`, which goes stale when the task file changes.
 * A finished run has no current task.
 */
export function taskRows(state: RunState, tasks: readonly TaskRef[]): TaskRow[] {
  const completed = new Set(state.completed_task_ids);
  const skipped = new Set(state.skipped_task_ids);
  let currentFound = state.status === 'completed';
  return tasks.map((task, i) => {
    let standing: TaskStanding = 'pending';
    if (completed.has(task.id)) standing = 'completed';
    else if (skipped.has(task.id)) standing = 'skipped';
    else if (!currentFound) {
      standing = 'current';
      currentFound = true;
    }
    return { number: i + 1, task, standing, ...counters(state, task.id) };
  });
}

function counters(
  state: RunState,
  id: string,
): Pick<TaskRow, 'attempts' | 'failures' | 'nonProgress' | 'lastError'> {
  return {
    attempts: state.attempt_counts[id] ?? 0,
    failures: state.failure_counts[id] ?? 0,
    nonProgress: state.non_progress_counts[id] ?? 0,
    lastError: state.last_errors[id],
  };
}

/** The tasks to show: the task file's when given, else the list the state recorded. */
export function tasksToShow(state: RunState, tasks: readonly TaskRef[] | undefined): readonly TaskRef[] {
  return tasks && tasks.length > 0 ? tasks : state.tasks;
}
