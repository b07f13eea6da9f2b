/**
 * The dry run shared by both doors (§11): the saved state's usage, the tasks a run would still do, their
 * rendered first prompts, and the token, cost and pause plan. Runs no hook, calls no model, writes nothing.
 */
import { TOOL_SPECS } from '../agent/tool-specs.js';
import type { ResolvedConfig, TaskConfig } from '../config/types.js';
import { type DryRunPlan, planDryRun } from '../limits/dry-run-estimate.js';
import { repoTurnModel } from '../limits/repo-turn-model.js';
import { DefaultPromptBuilder } from '../prompts/prompt-builder.js';
import { collectRepoContext, type RepoContext, type RepoContextOptions } from '../prompts/repo-context.js';
import type { RenderedPrompt } from '../prompts/types.js';
import { carryAccountUsage } from '../state/account-usage.js';
import { initialState, isTaskDone, type RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';

export interface DryRunOptions {
  now: Date;
  /** The run would start over (`--fresh`): saved progress is ignored, saved usage still counts. */
  startOver: boolean;
  ignoreRateLimits: boolean;
  /** In-process wait allowed, in seconds; defaults to `rate_limit_max_wait`. */
  maxWaitSeconds?: number;
}

export interface DryRun {
  state: RunState;
  /** The tasks a run would still do, in order, with their first-attempt prompts. */
  tasks: Array<{ task: TaskConfig; prompt: RenderedPrompt }>;
  plan: DryRunPlan;
}

export async function prepareDryRun(
  config: ResolvedConfig,
  store: StateStore,
  opts: DryRunOptions,
): Promise<DryRun> {
  const state = await savedState(config, store, opts);
  const builder = new DefaultPromptBuilder({ stateDir: config.stateDir, repoContext: oncePerTaskPath() });
  const pending = config.tasks.filter((t) => !isTaskDone(state, t.id));
  const tasks = [];
  for (const task of pending) tasks.push({ task, prompt: await builder.build({ config, task, attempt: 1 }) });
  const plan = planDryRun({
    config,
    tasks,
    state,
    now: opts.now,
    tools: TOOL_SPECS,
    turnModel: await repoTurnModel(config, pending),
    ignoreRateLimits: opts.ignoreRateLimits,
    ...(opts.maxWaitSeconds !== undefined ? { maxWaitSeconds: opts.maxWaitSeconds } : {}),
  });
  return { state, tasks, plan };
}

/**
 * Usage already recorded counts against the limits; progress counts too unless the run would start over
 * (`startOver`, or a state of another task file).
 */
async function savedState(config: ResolvedConfig, store: StateStore, opts: DryRunOptions): Promise<RunState> {
  const saved = await store.load().catch(() => null);
  if (saved && saved.task_file === config.taskFileDisplay && !opts.startOver) return saved;
  return carryAccountUsage(saved, initialState(config.taskFileDisplay, config.tasks, opts.now));
}

/**
 * A dry run changes nothing, so every task with the same path sees the same repository: it is looked at
 * once per path (two git processes and a file walk), not once per task. Asking afresh for each of 5,000
 * tasks took minutes; see bench/dry-run-bench.mjs.
 */
function oncePerTaskPath(): (options: RepoContextOptions) => Promise<RepoContext> {
  const seen = new Map<string, Promise<RepoContext>>();
  return (options) => {
    let context = seen.get(options.taskPath);
    if (context === undefined) {
      context = collectRepoContext(options);
      seen.set(options.taskPath, context);
    }
    return context;
  };
}
