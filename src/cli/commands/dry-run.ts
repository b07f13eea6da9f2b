import { TOOL_SPECS } from '../../agent/tool-specs.js';
import type { ResolvedConfig } from '../../config/types.js';
import { formatDryRun, planDryRun } from '../../limits/dry-run-estimate.js';
import { repoTurnModel } from '../../limits/repo-turn-model.js';
import { DefaultPromptBuilder } from '../../prompts/prompt-builder.js';
import { initialState, type RunState } from '../../state/run-state.js';
import { type CliIO, clockOf, println } from '../io.js';
import { openStore } from '../state-location.js';

/**
 * `taskmaster run --dry-run` (§11): renders every prompt, estimates tokens and cost per task, and says
 * where a rate limit or budget would pause the run. Runs no hook, calls no model, writes no state.
 */
export async function dryRunCommand(
  config: ResolvedConfig,
  flags: { quiet: boolean; verbose: boolean; ignoreConfigLimits: boolean; fresh: boolean },
  io: CliIO,
): Promise<number> {
  const state = await currentState(config, io, flags.fresh);
  const pending = config.tasks.filter(
    (t) => !state.completed_task_ids.includes(t.id) && !state.skipped_task_ids.includes(t.id),
  );
  if (pending.length === 0) {
    println(
      io.stdout,
      `Every task of ${config.taskFileDisplay} is already completed or skipped: a run would call no model.
` + `To estimate a run from the start: taskmaster run ${config.taskFileDisplay} --dry-run --fresh`,
    );
    return 0;
  }
  const builder = new DefaultPromptBuilder({ stateDir: config.stateDir });
  const tasks = [];
  for (const task of pending) {
    const prompt = await builder.build({ config, task, attempt: 1 });
    tasks.push({ task, prompt });
    if (!flags.quiet) {
      println(io.stdout, `━━━ ${task.id}: ${task.title} ━━━`);
      println(io.stdout, `--- system prompt ---\n${prompt.system}\n--- task prompt ---\n${prompt.user}\n`);
    }
  }
  const plan = planDryRun({
    config,
    tasks,
    state,
    now: new Date(clockOf(io).now()),
    tools: TOOL_SPECS,
    turnModel: await repoTurnModel(config, pending),
    ignoreRateLimits: flags.ignoreConfigLimits,
  });
  println(io.stdout, formatDryRun(plan));
  println(io.stdout, '\nDry run: no hook ran, no model was called, and no state was written.');
  return 0;
}

/**
 * Usage already recorded counts against the limits; progress counts too unless the run would start over
 * (`--fresh`, or a state of another task file).
 */
async function currentState(config: ResolvedConfig, io: CliIO, startOver: boolean): Promise<RunState> {
  const saved = await openStore(config.stateDir, io.cwd)
    .load()
    .catch(() => null);
  if (saved && saved.task_file === config.taskFileDisplay && !startOver) return saved;
  const fresh = initialState(config.taskFileDisplay, config.tasks, new Date(clockOf(io).now()));
  if (saved) fresh.rate_limit_usage = saved.rate_limit_usage;
  return fresh;
}
