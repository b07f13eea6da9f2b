/**
 * The Action's outputs. Every one is set in every outcome — also when the step fails early —
 * so that later steps can read them without guarding against absence.
 */
import type { RunView } from './run-view.js';

/** Output names and values, as `action.yml` declares them. */
export interface OutputValues {
  /** completed | paused | needs_intervention | failed | aborted | interrupted | dry-run | dispatched | ignored | refused */
  status: string;
  /** Tasks completed. */
  completed: string;
  /** Tasks in the task file. */
  total: string;
  /** The task the run stands at ('' when finished). */
  'current-task': string;
  /** Tokens the run used so far. */
  'tokens-used': string;
  /** When a paused run may resume (ISO 8601), else ''. */
  'resume-at': string;
  /** The cache key prefix of the run state. */
  'state-key': string;
  /** The id of the uploaded logs artifact, else ''. */
  'artifact-id': string;
}

export const OUTPUT_NAMES: ReadonlyArray<keyof OutputValues> = [
  'status',
  'completed',
  'total',
  'current-task',
  'tokens-used',
  'resume-at',
  'state-key',
  'artifact-id',
];

/** Collects outputs as the step learns them; `write` sets all of them once, at the end. */
export class OutputRecorder {
  private readonly values: OutputValues = {
    status: 'failed',
    completed: '0',
    total: '0',
    'current-task': '',
    'tokens-used': '0',
    'resume-at': '',
    'state-key': '',
    'artifact-id': '',
  };

  set(values: Partial<OutputValues>): void {
    Object.assign(this.values, values);
  }

  /** The view's status, counts, current task, tokens and resume time. */
  setView(view: RunView): void {
    this.set({
      status: view.status,
      completed: String(view.completed),
      total: String(view.total),
      'current-task': view.currentTask ?? '',
      'tokens-used': String(view.tokensUsed),
      'resume-at': view.resumeAt ?? '',
    });
  }

  get(name: keyof OutputValues): string {
    return this.values[name];
  }

  write(setOutput: (name: string, value: string) => void): void {
    for (const name of OUTPUT_NAMES) setOutput(name, this.values[name]);
  }
}
