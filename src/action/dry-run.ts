/**
 * `dry-run: true`: the same estimate as `taskmaster run --dry-run` (prompts rendered, tokens and cost
 * per task, where a limit would pause), in the log and the job summary. No hook, no model call, no
 * state written and no cache saved.
 */
import type { ResolvedConfig } from '../config/types.js';
import { prepareDryRun } from '../engine/dry-run.js';
import { formatDryRun } from '../limits/dry-run-estimate.js';
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
  const { plan, state } = await prepareDryRun(config, store, { ...opts, startOver: false });
  return { text: formatDryRun(plan), completed: state.completed_task_ids.length };
}
