/**
 * One reading of a run for everything the Action reports — outputs, job summary, annotations and the PR
 * comment — so that they never disagree about what happened.
 */
import type { RunOutcome } from '../engine/run-tasks.js';
import { totalTokens } from '../providers/provider.js';
import type { RunState } from '../state/run-state.js';

/** How the Action's `status` output reads. */
export type ActionStatus =
  'completed' | 'paused' | 'needs_intervention' | 'failed' | 'aborted' | 'interrupted' | 'running';

/** Where one task stands (the PR comment's words). */
export type TaskViewState = 'completed' | 'skipped' | 'current' | 'pending' | 'needs_intervention' | 'failed';

/** One row of the task table. */
export interface TaskView {
  /** 1-based position in the task file. */
  number: number;
  /** Task id. */
  id: string;
  /** Task title. */
  title: string;
  /** Where it stands. */
  state: TaskViewState;
  /** Attempts used so far. */
  attempts: number;
  /** Failed attempts so far. */
  failures: number;
  /** Tokens the task used (input, output and cache). */
  tokens: number;
  /** The last failure, when there was one. */
  lastError?: string;
}

/** A run as the Action reports it. */
export interface RunView {
  /** The `status` output. */
  status: ActionStatus;
  /** Every task, in file order. */
  tasks: TaskView[];
  /** Tasks completed. */
  completed: number;
  /** Tasks skipped. */
  skipped: number;
  /** Tasks in the task file. */
  total: number;
  /** The task the run stands at, when it is not finished. */
  currentTask?: string;
  /** Tokens used by the whole run. */
  tokensUsed: number;
  /** When a paused run may resume (ISO 8601). */
  resumeAt?: string;
  /** The task waiting for a person's decision. */
  needsTask?: string;
  /** The engine's closing message. */
  message?: string;
}

/** Reads a run from its state, and from how it ended when that is known. */
export function buildRunView(
  state: RunState,
  tasks: ReadonlyArray<{ id: string; title: string }>,
  outcome?: RunOutcome,
): RunView {
  const status = outcome ? statusOfOutcome(outcome) : statusOfState(state);
  const rows = taskViews(state, tasks, status);
  const current = rows.find((t) => t.state !== 'completed' && t.state !== 'skipped' && t.state !== 'pending');
  const needsTask = status === 'needs_intervention' ? state.needs_intervention?.task_id : undefined;
  const resumeAt = status === 'paused' ? state.paused_until : null;
  return {
    status,
    tasks: rows,
    completed: state.completed_task_ids.length,
    skipped: state.skipped_task_ids.length,
    total: tasks.length,
    ...(current && status !== 'completed' ? { currentTask: current.id } : {}),
    tokensUsed: totalTokens(state.token_usage.total),
    ...(resumeAt ? { resumeAt } : {}),
    ...(needsTask ? { needsTask } : {}),
    ...(outcome && 'message' in outcome ? { message: outcome.message } : {}),
  };
}

function statusOfOutcome(outcome: RunOutcome): ActionStatus {
  return outcome.kind === 'needs-intervention' ? 'needs_intervention' : outcome.kind;
}

function statusOfState(state: RunState): ActionStatus {
  if (state.status === 'paused' && state.pause_reason === 'interrupted') return 'interrupted';
  return state.status;
}

function taskViews(
  state: RunState,
  tasks: ReadonlyArray<{ id: string; title: string }>,
  status: ActionStatus,
): TaskView[] {
  let currentFound = status === 'completed';
  return tasks.map((task, i) => {
    let view = standing(state, task.id);
    if (view === 'pending' && !currentFound) {
      currentFound = true;
      view = currentState(state, task.id, status);
    }
    return { number: i + 1, id: task.id, title: task.title, state: view, ...counters(state, task.id) };
  });
}

function standing(state: RunState, id: string): TaskViewState {
  if (state.completed_task_ids.includes(id)) return 'completed';
  if (state.skipped_task_ids.includes(id)) return 'skipped';
  return 'pending';
}

/** The first unfinished task: waiting for a person, where a failed run stopped, or simply next. */
function currentState(state: RunState, id: string, status: ActionStatus): TaskViewState {
  if (status === 'needs_intervention' && state.needs_intervention?.task_id === id)
    return 'needs_intervention';
  if ((status === 'failed' || status === 'aborted') && (state.failure_counts[id] ?? 0) > 0) return 'failed';
  return 'current';
}

function counters(
  state: RunState,
  id: string,
): Pick<TaskView, 'attempts' | 'failures' | 'tokens' | 'lastError'> {
  const usage = state.token_usage.by_task[id];
  const lastError = state.last_errors[id];
  return {
    attempts: state.attempt_counts[id] ?? 0,
    failures: state.failure_counts[id] ?? 0,
    tokens: usage ? totalTokens(usage) : 0,
    ...(lastError ? { lastError } : {}),
  };
}
