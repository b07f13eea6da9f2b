import type { ResolvedConfig } from '../../config/types.js';
import { prepareDryRun } from '../../engine/dry-run.js';
import { formatDryRun } from '../../limits/dry-run-estimate.js';
import { type CliIO, clockOf, println } from '../io.js';
import { openRunStore } from '../state-location.js';

/**
 * `taskmaster run --dry-run` (§11): renders every prompt, estimates tokens and cost per task, and says
 * where a rate limit or budget would pause the run. Runs no hook, calls no model, writes no state.
 */
export async function dryRunCommand(
  config: ResolvedConfig,
  flags: { quiet: boolean; verbose: boolean; ignoreConfigLimits: boolean; fresh: boolean },
  io: CliIO,
): Promise<number> {
  const { tasks, plan } = await prepareDryRun(
    config,
    openRunStore(config.stateDir, io.cwd, config.taskFileDisplay),
    {
      now: new Date(clockOf(io).now()),
      startOver: flags.fresh,
      ignoreRateLimits: flags.ignoreConfigLimits,
    },
  );
  if (tasks.length === 0) {
    println(
      io.stdout,
      `Every task of ${config.taskFileDisplay} is already completed or skipped: a run would call no model.\n` +
        `To estimate a run from the start: taskmaster run ${config.taskFileDisplay} --dry-run --fresh`,
    );
    return 0;
  }
  if (!flags.quiet) {
    for (const { task, prompt } of tasks) {
      println(io.stdout, `━━━ ${task.id}: ${task.title} ━━━`);
      println(io.stdout, `--- system prompt ---\n${prompt.system}\n--- task prompt ---\n${prompt.user}\n`);
    }
  }
  println(io.stdout, formatDryRun(plan));
  println(io.stdout, '\nDry run: no hook ran, no model was called, and no state was written.');
  return 0;
}
