/**
 * Annotations for the tasks that went wrong, so that the run's page shows them without opening the log.
 * The runner shows at most 10 errors per step; one is kept for a failure of the step itself.
 */
import type { RunView } from './run-view.js';

/** Where an annotation goes: `core.error` in the Action. */
export type Annotate = (message: string, properties: { title: string }) => void;

export const MAX_TASK_ANNOTATIONS = 9;

/** One error annotation per failed or stuck task, at most `MAX_TASK_ANNOTATIONS`. Returns how many. */
export function annotateTasks(view: RunView, annotate: Annotate): number {
  const troubled = view.tasks.filter(
    (t) =>
      t.state === 'failed' || t.state === 'needs_intervention' || (t.state === 'skipped' && t.failures > 0),
  );
  for (const task of troubled.slice(0, MAX_TASK_ANNOTATIONS)) {
    const what =
      task.state === 'needs_intervention'
        ? 'needs a decision'
        : task.state === 'skipped'
          ? 'given up and skipped'
          : 'failed';
    const error = task.lastError ? `: ${task.lastError.split('\n')[0]}` : '';
    annotate(`${task.title} — ${task.attempts} attempt(s)${error}`, {
      title: `TaskMaster: task ${task.id} ${what}`,
    });
  }
  return Math.min(troubled.length, MAX_TASK_ANNOTATIONS);
}
