/**
 * `taskmaster status`: the guide's "State Inspection" view — which tasks are done, which is next and how
 * it has gone so far — plus what to run next when the run waits for something.
 */
import type { RateLimits } from '../config/types.js';
import type { RunState } from '../state/run-state.js';
import { HEAVY_RULE, plural } from './format.js';
import { nextStepLines } from './next-step.js';
import { rateLimitLines } from './rate-limit-view.js';
import { taskRows, tasksToShow, type TaskRef, type TaskRow } from './task-status.js';

/** What `renderStatus` needs. */
export interface StatusInput {
  /** The saved run state, or `null` when there is none. */
  state: RunState | null;
  /** Tasks of the task file in order; when empty, the list saved in the state is shown. */
  tasks: readonly TaskRef[];
  /** Task file as the user names it (`tasks.yml`). */
  taskFile: string;
  /** Now, for "resume in 15m" on a paused run and the current windows; omitted, only times are shown. */
  now?: Date;
  /**
   * Configured rate limits per provider. With `now`, the usage against each one and the next resets are
   * shown after the progress, so that a person sees why a run waits or paused without `debug`.
   */
  limits?: Readonly<Record<string, RateLimits>>;
  /** The state file looked at, for the "no run state" message. */
  stateFile?: string;
}

/** The status view as printed, without a final newline. */
export function renderStatus(input: StatusInput): string {
  const { state } = input;
  if (!state) return renderNoState(input.stateFile, input.taskFile);
  const rows = taskRows(state, tasksToShow(state, input.tasks));
  const lines = [
    'Current Task Status',
    HEAVY_RULE,
    '',
    ...summaryLines(input.taskFile, rows),
    '',
    'Progress:',
  ];
  lines.push(...rows.map(progressLine));
  lines.push(...limitLines(state, input));
  const next = nextStepLines(state, input.now);
  if (next.length > 0) lines.push('', ...next);
  return lines.join('\n');
}

/** What `status` and `debug` print when no run has saved state yet. */
export function renderNoState(stateFile = '.taskmaster/state.json', taskFile = '<task-file>'): string {
  return `No run state found (${stateFile} does not exist).\nStart a run with:\n  taskmaster run ${taskFile}`;
}

/** The usage section, for the providers that have limits; none when nothing is limited. */
function limitLines(state: RunState, input: StatusInput): string[] {
  const limited = Object.entries(input.limits ?? {}).filter(([, l]) => Object.keys(l).length > 0);
  if (limited.length === 0 || !input.now) return [];
  const lines = rateLimitLines(Object.fromEntries(limited), state.rate_limit_usage, input.now);
  return ['', 'Rate Limit Usage:', ...lines];
}

function summaryLines(taskFile: string, rows: readonly TaskRow[]): string[] {
  const count = (standing: TaskRow['standing']): number => rows.filter((r) => r.standing === standing).length;
  const current = rows.find((r) => r.standing === 'current');
  const lines = [`Task File: ${taskFile}`, `Total Tasks: ${rows.length}`, `Completed: ${count('completed')}`];
  if (count('skipped') > 0) lines.push(`Skipped: ${count('skipped')}`);
  lines.push(
    `Current: ${current ? `${current.number} (${current.task.title})` : 'none (no task left to run)'}`,
  );
  return lines;
}

function progressLine(row: TaskRow): string {
  const name = `${row.task.id}: ${row.task.title}`;
  switch (row.standing) {
    case 'completed':
      return `✓ ${name}`;
    case 'skipped':
      return `↷ ${name} (skipped${row.attempts > 0 ? ` after ${plural(row.attempts, 'attempt')}` : ''})`;
    case 'current':
      return `→ ${name}${row.attempts > 0 ? ` (${attemptSummary(row)})` : ''}`;
    case 'pending':
      return `○ ${name}${row.attempts > 0 ? ` (${attemptSummary(row)})` : ''}`;
  }
}

function attemptSummary(row: TaskRow): string {
  return `${plural(row.attempts, 'attempt')}, ${plural(row.failures, 'failure')}`;
}
