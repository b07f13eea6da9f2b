/**
 * `taskmaster debug`: the guide's detailed dump of a run state — timestamps, every task's counters and
 * last error, rate-limit usage against the configured limits and when windows reset — followed, when
 * there is something to say, by token totals.
 */
import type { RateLimits } from '../config/types.js';
import type { RunState } from '../state/run-state.js';
import { totalTokens as tokenCount, type Usage } from '../providers/provider.js';
import {
  DOUBLE_RULE,
  firstLineAtWord,
  formatDuration,
  formatNumber,
  formatTimestamp,
  parseUtc,
} from './format.js';
import { rateLimitLines } from './rate-limit-view.js';
import { renderNoState } from './status-view.js';
import { taskRows, tasksToShow, type TaskRef, type TaskRow } from './task-status.js';

/** What `renderDebug` needs. */
export interface DebugInput {
  /** The saved run state, or `null` when there is none. */
  state: RunState | null;
  /** Tasks of the task file in order; when empty, the list saved in the state is shown. */
  tasks: readonly TaskRef[];
  /** Task file as the user names it (`tasks.yml`). */
  taskFile: string;
  /** Configured rate limits per provider name (`provider_configs` keys). */
  limits: Readonly<Record<string, RateLimits>>;
  /** Now: decides which windows are current and how long until they reset. */
  now: Date;
  /** The state file looked at, for the "no run state" message. */
  stateFile?: string;
}

const STANDING_LABEL: Record<TaskRow['standing'], string> = {
  completed: '✓ COMPLETED',
  current: '→ CURRENT/NEXT',
  pending: '○ PENDING',
  skipped: '↷ SKIPPED',
};

/** The debug view as printed, without a final newline. */
export function renderDebug(input: DebugInput): string {
  const { state, now } = input;
  if (!state) return renderNoState(input.stateFile, input.taskFile);
  const rows = taskRows(state, tasksToShow(state, input.tasks));
  const lines = ['TaskMaster Debug State', DOUBLE_RULE, '', ...headerLines(state, input.taskFile, now)];
  lines.push(
    ...section('PER-TASK STATUS'),
    ...rows.flatMap((row) => [...taskBlock(state, row, rows.length), '']),
  );
  lines.push(
    ...section('RATE LIMIT USAGE').slice(1),
    ...rateLimitLines(input.limits, state.rate_limit_usage, now),
  );
  if (tokenCount(state.token_usage.total) > 0) lines.push(...section('TOKEN USAGE'), ...tokenLines(state));
  return lines.join('\n');
}

function section(title: string): string[] {
  return ['', DOUBLE_RULE, title, DOUBLE_RULE, ''];
}

function headerLines(state: RunState, taskFile: string, now: Date): string[] {
  const lines = [
    `Task File: ${taskFile}`,
    `Created: ${formatTimestamp(parseUtc(state.created_at))}`,
    `Updated: ${formatTimestamp(parseUtc(state.updated_at))}`,
    `Current Task Index: ${state.current_task_index}`,
  ];
  // A run that is simply running (or was killed while running) needs no more; the rest explain a stop.
  if (state.status !== 'running') lines.push(`Run Status: ${state.status}`);
  if (state.pause_reason) lines.push(`Pause Reason: ${state.pause_reason}`);
  if (state.paused_until) lines.push(`Paused Until: ${untilText(parseUtc(state.paused_until), now)}`);
  const waiting = state.needs_intervention;
  if (waiting) lines.push(`Needs Intervention: ${waiting.task_id} (${waiting.reason})`);
  const decision = state.pending_decision;
  if (decision) lines.push(`Pending Decision: ${decision.decision} ${decision.task_id}`);
  if (state.consecutive_failures > 0) lines.push(`Consecutive Failures: ${state.consecutive_failures}`);
  return lines;
}

function untilText(until: Date, now: Date): string {
  const left = until.getTime() - now.getTime();
  return `${formatTimestamp(until)} UTC (${left > 0 ? `in ${formatDuration(left)}` : 'passed'})`;
}

function taskBlock(state: RunState, row: TaskRow, total: number): string[] {
  const lines = [`Task ${row.number}/${total}: ${row.task.title}`, `  ID: ${row.task.id}`];
  lines.push(`  Status: ${STANDING_LABEL[row.standing]}`);
  if (row.standing === 'pending' && row.attempts === 0) return lines;
  lines.push(`  Failures: ${row.failures}`, `  Attempts: ${row.attempts}`);
  if (row.nonProgress > 0) lines.push(`  Non-progress: ${row.nonProgress}`);
  const usage = state.token_usage.by_task[row.task.id];
  if (usage && tokenCount(usage) > 0) lines.push(`  Tokens: ${formatNumber(tokenCount(usage))}`);
  const commit = state.applied_commits[row.task.id];
  if (commit) lines.push(`  Commit: ${commit}`);
  const intervention = state.user_interventions[row.task.id];
  if (intervention) lines.push(`  Intervention: ${intervention}`);
  const lastError = detailedLastError(state, row);
  if (lastError) lines.push(`  Last error: ${firstLineAtWord(lastError, 200)}`);
  return lines;
}

/**
 * The last error with what the output says failed (`test hook failed (exit code 1): 1 failing test:
 * test_login (…)`), as the guide's debug view shows it, when the failure history has it for that error.
 */
function detailedLastError(state: RunState, row: TaskRow): string | undefined {
  const detail = state.error_history[row.task.id]?.at(-1);
  return row.lastError && detail?.startsWith(row.lastError) ? detail : row.lastError;
}

function tokenLines(state: RunState): string[] {
  const { total, by_provider } = state.token_usage;
  const providers = Object.keys(by_provider).sort();
  return [
    `Total: ${usageText(total)}`,
    ...providers.map((name) => `Provider ${name}: ${usageText(by_provider[name] ?? total)}`),
  ];
}

function usageText(u: Usage): string {
  const parts = [
    `input ${formatNumber(u.input_tokens)}`,
    `output ${formatNumber(u.output_tokens)}`,
    `cache read ${formatNumber(u.cache_read_tokens)}`,
    `cache write ${formatNumber(u.cache_write_tokens)}`,
  ];
  return `${formatNumber(tokenCount(u))} tokens (${parts.join(', ')})`;
}
