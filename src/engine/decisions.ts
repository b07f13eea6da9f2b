import { UsageError } from '../errors.js';
import type { Intervention, RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';

export interface DecisionResult {
  taskId: string | null;
  decision: Intervention;
  message: string;
}

/**
 * `taskmaster retry|skip|abort [task-id]` (and the PR comment commands): records a person's decision in
 * state while no run is active. `abort` ends the run at once; `retry` and `skip` apply on the next resume.
 */
export async function recordDecision(
  store: StateStore,
  decision: Intervention,
  requestedId: string | undefined,
  now: Date,
): Promise<DecisionResult> {
  const lock = await store.lock();
  try {
    const state = await store.load();
    if (!state)
      throw new UsageError(
        `No run state in ${store.location}. Start a run first: taskmaster run <task-file>`,
      );
    const result = decide(state, decision, requestedId);
    state.updated_at = now.toISOString();
    await store.save(state);
    return result;
  } finally {
    await lock.release();
  }
}

function decide(state: RunState, decision: Intervention, requestedId: string | undefined): DecisionResult {
  const taskId =
    requestedId ?? state.needs_intervention?.task_id ?? state.tasks[state.current_task_index]?.id ?? null;
  if (decision === 'abort') {
    Object.assign(state, { status: 'aborted', pending_decision: null, needs_intervention: null });
    if (taskId) state.user_interventions[taskId] = 'abort';
    return { taskId, decision, message: 'Run aborted. Start over with: taskmaster run <task-file> --fresh' };
  }
  if (!taskId) throw new UsageError(`Name the task to ${decision}: taskmaster ${decision} <task-id>`);
  if (!state.tasks.some((t) => t.id === taskId)) {
    const known = state.tasks.map((t) => t.id).join(', ');
    throw new UsageError(`Unknown task "${taskId}". Tasks in this run: ${known}`);
  }
  state.pending_decision = { task_id: taskId, decision };
  state.user_interventions[taskId] = decision;
  const what = decision === 'retry' ? `retry ${taskId} with a fresh set of attempts` : `skip ${taskId}`;
  return { taskId, decision, message: `Recorded: ${what}. Continue the run with: taskmaster resume` };
}
