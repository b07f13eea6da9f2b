import type { RunState } from '../state/run-state.js';

/**
 * The files the agent wrote for each task, so that an auto-applied commit holds that task's changes
 * and nothing else that happens to be uncommitted: a person's own work, or a parallel run's files in
 * the same work tree (docs/state-and-resume.md, "Parallel runs"). Kept for this process only: a task
 * whose earlier attempts ran in another process (a resume) commits every change, as it cannot tell.
 */
export class TaskWrites {
  private readonly byTask = new Map<string, Set<string>>();
  private readonly unknown = new Set<string>();

  /** Called when a task's attempts start in this process. */
  begin(state: RunState, taskId: string): void {
    if (this.byTask.has(taskId)) return;
    this.byTask.set(taskId, new Set());
    // An attempt given back (a pause, Ctrl+C) still leaves its usage, and may have left its files.
    const triedBefore = (state.attempt_counts[taskId] ?? 0) > 0 || state.token_usage.by_task[taskId];
    if (triedBefore) this.unknown.add(taskId);
  }

  add(taskId: string, files: readonly string[]): void {
    const set = this.byTask.get(taskId) ?? new Set<string>();
    for (const file of files) set.add(file);
    this.byTask.set(taskId, set);
  }

  /** Repository-relative paths to commit, or `undefined` when every change should be. */
  of(taskId: string): string[] | undefined {
    if (this.unknown.has(taskId)) return undefined;
    return [...(this.byTask.get(taskId) ?? [])].sort();
  }
}
