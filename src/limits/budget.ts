/**
 * Token budgets (§8.3): hard caps per task and per run. Reaching one pauses the run (exit 3) and says
 * which budget it was, so that a person can raise it and resume. The run's budget counts everything
 * recorded in `state.json`, across resumes, until `--fresh` starts a new state.
 */
import type { BudgetConfig } from '../config/types.js';
import { totalTokens } from '../providers/provider.js';
import type { RunState } from '../state/run-state.js';
import { formatCount } from './time-format.js';

export type BudgetKey = 'max_tokens_per_task' | 'max_tokens_per_run';

/** A budget the next call would go over. */
export interface BudgetExceeded {
  /** Which budget, as its key under `budget:`. */
  key: BudgetKey;
  /** Tokens already used by the task (per-task budget) or the run. */
  used: number;
  /** The configured cap. */
  limit: number;
  /** Estimated tokens of the call about to be made. */
  needed: number;
  /** The task about to make the call. */
  taskId: string;
}

/** Tokens recorded for a task so far (0 before its first call). */
export function taskTokens(state: RunState, taskId: string): number {
  const usage = state.token_usage.by_task[taskId];
  return usage === undefined ? 0 : totalTokens(usage);
}

/** The first budget (task before run) that `used + needed` would go over, if any. */
export function checkBudgets(
  state: RunState,
  budget: BudgetConfig,
  taskId: string,
  needed: number,
): BudgetExceeded | undefined {
  const used = { task: taskTokens(state, taskId), run: totalTokens(state.token_usage.total) };
  return checkBudgetTotals(budget, taskId, used, needed);
}

/** `checkBudgets` on plain totals, for simulations that keep their own counts (the dry run). */
export function checkBudgetTotals(
  budget: BudgetConfig,
  taskId: string,
  used: { task: number; run: number },
  needed: number,
): BudgetExceeded | undefined {
  const candidates: Array<{ key: BudgetKey; used: number; limit: number | undefined }> = [
    { key: 'max_tokens_per_task', used: used.task, limit: budget.max_tokens_per_task },
    { key: 'max_tokens_per_run', used: used.run, limit: budget.max_tokens_per_run },
  ];
  for (const c of candidates) {
    if (c.limit !== undefined && c.used + needed > c.limit)
      return { key: c.key, used: c.used, limit: c.limit, needed, taskId };
  }
  return undefined;
}

/** `budget.max_tokens_per_task`: the key as a person writes it in the configuration. */
export function formatBudgetKey(b: Pick<BudgetExceeded, 'key'>): string {
  return `budget.${b.key}`;
}

/** The pause message: which budget, how much is used, and how to go on. */
export function formatBudgetMessage(b: BudgetExceeded): string {
  const who = b.key === 'max_tokens_per_task' ? `Task ${b.taskId}` : 'This run';
  return [
    '⚠ Token budget reached!',
    '',
    `${who} has used ${formatCount(b.used)} of its ${formatCount(b.limit)}-token budget (${formatBudgetKey(b)});`,
    `the next model call needs about ${formatCount(b.needed)} more.`,
    '',
    `To continue, raise ${formatBudgetKey(b)} in your configuration. Then run:`,
    '  taskmaster resume',
  ].join('\n');
}
