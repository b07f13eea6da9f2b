/**
 * `dry-run: true`: the same estimate as `taskmaster run --dry-run` (prompts rendered, tokens and cost
 * per task, where a limit would pause), in the log and the job summary. No hook, no model call, no
 * state written and no cache saved.
 */
import { TOOL_SPECS } from '../agent/tool-specs.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatDryRun, planDryRun } from '../limits/dry-run-estimate.js';
import { repoTurnModel } from '../limits/repo-turn-model.js';
import { DefaultPromptBuilder } from '../prompts/prompt-builder.js';
import { initialState, type RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';

/** What a dry run found: the plan as text, and how far the saved run already is. */
export interface DryRunReport {
  /** `formatDryRun`'s text. */
  text: string;
  /** Tasks already completed in the saved state. */
  completed: number;
}

/** Plans the run from the saved state (its usage counts against the limits) without running anything. */
export async function planActionDryRun(
  config: ResolvedConfig,
  store: StateStore,
  opts: { now: Date; maxWaitSeconds: number; ignoreRateLimits: boolean },
): Promise<DryRunReport> {
  const state = await savedState(config, store, opts.now);
  const builder = new DefaultPromptBuilder({ stateDir: config.stateDir });
  const pending = config.tasks.filter(
    (t) => !state.completed_task_ids.includes(t.id) && !state.skipped_task_ids.includes(t.id),
  );
  const tasks = [];
  for (const task of pending) tasks.push({ task, prompt: await builder.build({ config, task, attempt: 1 }) });
  const turnModel = await repoTurnModel(config, pending);
  const plan = planDryRun({ config, tasks, state, tools: TOOL_SPECS, turnModel, ...opts });
  return { text: formatDryRun(plan), completed: state.completed_task_ids.length };
}

async function savedState(config: ResolvedConfig, store: StateStore, now: Date): Promise<RunState> {
  const saved = await store.load().catch(() => null);
  if (saved && saved.task_file === config.taskFileDisplay) return saved;
  const fresh = initialState(config.taskFileDisplay, config.tasks, now);
  if (saved) fresh.rate_limit_usage = saved.rate_limit_usage;
  return fresh;
}
