import type { TaskConfig } from '../config/types.js';
import { type PauseReason, ProviderError, RunInterrupted, RunPaused } from '../errors.js';
import { isTaskDone, type RunState } from '../state/run-state.js';
import { markCompleted, touch } from '../state/state-mutations.js';
import { judgeSnapshot } from '../state/task-changes.js';
import { interruptedError, isInterrupted } from './interrupt.js';
import { applyDecision, type DecisionEffect, skipGivenUp } from './interventions.js';
import type { EngineDeps, RunContext } from './run-context.js';
import { CommitFailed } from './task-commit.js';
import { attemptAllowance, commitMessage, runTask } from './task-runner.js';
import { TaskWrites } from './task-writes.js';

/** How a run ended. The door maps it to an exit code: 0, 1, 3 or 130 (§11). */
export type RunOutcome =
  | { kind: 'completed'; completed: number; skipped: number; total: number }
  | { kind: 'paused'; reason: PauseReason; until?: Date; message: string }
  | { kind: 'needs-intervention'; taskId: string; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'aborted'; message: string }
  | { kind: 'interrupted'; message: string };

/**
 * Runs every task not yet completed or skipped, in file order (§6), mutating and saving `state` as it
 * goes. Returns how the run ended; throws only for failures outside the run's control (a bug, a disk error).
 */
export async function runTasks(deps: EngineDeps, state: RunState): Promise<RunOutcome> {
  const ctx: RunContext = {
    ...deps,
    state,
    writes: new TaskWrites(),
    save: async () => {
      touch(state, new Date(deps.clock.now()));
      await deps.store.save(state);
    },
  };
  Object.assign(state, { status: 'running', paused_until: null, pause_reason: null });
  Object.assign(state, judgeSnapshot(ctx.config, state.hook_fingerprints?.salt));
  state.run_options = {
    auto_apply: deps.options.autoApply,
    stop_on_first_failure: deps.options.stopOnFirstFailure,
  };
  await ctx.save();
  try {
    const pending = await applyPendingDecision(ctx);
    return pending ?? (await runAll(ctx));
  } catch (error) {
    return await endWithError(ctx, error);
  }
}

async function runAll(ctx: RunContext): Promise<RunOutcome> {
  const { tasks } = ctx.config;
  const resumedAt = tasks.findIndex((t) => !isTaskDone(ctx.state, t.id));
  ctx.events({ type: 'run-start', totalTasks: tasks.length, resumedAt: resumedAt > 0 ? resumedAt : null });
  for (let index = 0; index < tasks.length; index++) {
    const task = tasks[index];
    if (!task || isTaskDone(ctx.state, task.id)) continue;
    if (isInterrupted(ctx)) throw interruptedError();
    ctx.state.current_task_index = index;
    await ctx.save();
    if (await recoverCommittedTask(ctx, task)) continue;
    ctx.events({ type: 'task-start', taskId: task.id, title: task.title, index, total: tasks.length });
    const result = await runTask(ctx, task);
    if (result === 'completed') continue;
    if (result === 'stopped')
      return fail(
        ctx,
        `Stopped at the first failure (task ${task.id}: ${ctx.state.last_errors[task.id] ?? 'failed'}).`,
      );
    const effect = await giveUp(ctx, task);
    if (typeof effect !== 'string') return effect;
    if (effect === 'rerun') index -= 1;
  }
  return finish(ctx);
}

/** A task given up: what `on_give_up` says, or what a person decides (§6). */
async function giveUp(ctx: RunContext, task: TaskConfig): Promise<DecisionEffect | RunOutcome> {
  ctx.events({ type: 'task-end', taskId: task.id, outcome: 'given-up' });
  const reason = giveUpReason(ctx, task);
  switch (ctx.config.on_give_up) {
    case 'skip':
      return effectOutcome(ctx, task, skipGivenUp(ctx, task));
    case 'stop':
      return fail(ctx, `Task ${task.id} was given up (${reason}); on_give_up is "stop".`);
    case 'ask':
      return ask(ctx, task, reason);
  }
}

async function ask(ctx: RunContext, task: TaskConfig, reason: string): Promise<DecisionEffect | RunOutcome> {
  if (!ctx.interaction) {
    ctx.state.status = 'needs_intervention';
    ctx.state.needs_intervention = { task_id: task.id, reason };
    await ctx.save();
    return { kind: 'needs-intervention', taskId: task.id, message: interventionMessage(task, reason) };
  }
  const decision = await ctx.interaction.askIntervention({
    task,
    attempts: ctx.state.attempt_counts[task.id] ?? 0,
    maxAttempts: attemptAllowance(ctx, task),
    lastError: ctx.state.last_errors[task.id] ?? 'unknown',
    recentFailures: ctx.state.error_history[task.id] ?? [],
    reason,
  });
  return effectOutcome(ctx, task, applyDecision(ctx, task, decision, true));
}

async function effectOutcome(
  ctx: RunContext,
  task: TaskConfig,
  effect: DecisionEffect,
): Promise<DecisionEffect | RunOutcome> {
  await ctx.save();
  if (effect === 'abort') return { kind: 'aborted', message: `Run aborted at task ${task.id}.` };
  if (effect === 'too-many-failures') {
    return fail(
      ctx,
      `${ctx.state.consecutive_failures} tasks in a row were given up (max_consecutive_failures: ${ctx.config.max_consecutive_failures}); stopping.`,
    );
  }
  return effect;
}

function giveUpReason(ctx: RunContext, task: TaskConfig): string {
  const attempts = ctx.state.attempt_counts[task.id] ?? 0;
  const stuck = (ctx.state.non_progress_counts[task.id] ?? 0) >= ctx.config.max_non_progress;
  return stuck
    ? `no progress in ${ctx.state.non_progress_counts[task.id]} attempts`
    : `failed ${attempts} of ${attemptAllowance(ctx, task)} attempts`;
}

export function interventionMessage(task: TaskConfig, reason: string): string {
  const commands = [
    [`taskmaster retry ${task.id}`, 'a fresh set of attempts'],
    [`taskmaster skip ${task.id}`, 'move on to the next task'],
    ['taskmaster abort', 'end the run'],
    ['taskmaster resume', 'continue after deciding'],
  ] as const;
  // One column for the comments, however long the task id.
  const width = Math.max(...commands.map(([command]) => command.length)) + 2;
  return [
    `⚠ Task ${task.id} (${task.title}) needs a decision: ${reason}.`,
    '',
    'Decide, then continue the run:',
    ...commands.map(([command, what]) => `  ${command.padEnd(width)}# ${what}`),
  ].join('\n');
}

/** A decision given with `taskmaster retry|skip|abort` (or a PR comment) while no run was active. */
async function applyPendingDecision(ctx: RunContext): Promise<RunOutcome | null> {
  const pending = ctx.state.pending_decision;
  if (!pending) return null;
  ctx.state.pending_decision = null;
  const task = ctx.config.tasks.find((t) => t.id === pending.task_id);
  if (!task) {
    ctx.events({
      type: 'warning',
      message: `Ignoring the "${pending.decision}" decision: task ${pending.task_id} is no longer in the task file.`,
    });
    await ctx.save();
    return null;
  }
  const givenUp = ctx.state.needs_intervention?.task_id === task.id;
  ctx.events({ type: 'info', message: `Applying decision: ${pending.decision} ${task.id}` });
  const outcome = await effectOutcome(ctx, task, applyDecision(ctx, task, pending.decision, givenUp));
  return typeof outcome === 'string' ? null : outcome;
}

/**
 * With `--auto-apply` the commit is made before state records the task. A crash between the two leaves
 * a commit that state does not know about: recognise it by its message rather than redo the task.
 */
async function recoverCommittedTask(ctx: RunContext, task: TaskConfig): Promise<boolean> {
  if (!ctx.options.autoApply || !ctx.git) return false;
  const head = await ctx.git.headSubject();
  if (!head || head.subject !== commitMessage(task) || (ctx.state.attempt_counts[task.id] ?? 0) === 0)
    return false;
  markCompleted(ctx.state, task.id, head.sha);
  ctx.state.consecutive_failures = 0;
  await ctx.save();
  ctx.events({
    type: 'info',
    message: `${task.id}: found its commit ${head.sha.slice(0, 12)}; marking it completed`,
  });
  return true;
}

async function finish(ctx: RunContext): Promise<RunOutcome> {
  ctx.state.status = 'completed';
  ctx.state.current_task_index = ctx.config.tasks.length;
  await ctx.save();
  return {
    kind: 'completed',
    completed: ctx.state.completed_task_ids.length,
    skipped: ctx.state.skipped_task_ids.length,
    total: ctx.config.tasks.length,
  };
}

async function fail(ctx: RunContext, message: string): Promise<RunOutcome> {
  ctx.state.status = 'failed';
  await ctx.save();
  return { kind: 'failed', message };
}

async function endWithError(ctx: RunContext, error: unknown): Promise<RunOutcome> {
  if (error instanceof RunInterrupted || (isInterrupted(ctx) && !(error instanceof RunPaused))) {
    Object.assign(ctx.state, { status: 'paused', pause_reason: 'interrupted' });
    await ctx.save();
    return { kind: 'interrupted', message: interruptedError().message };
  }
  if (error instanceof RunPaused) {
    Object.assign(ctx.state, {
      status: 'paused',
      pause_reason: error.reason,
      paused_until: error.until ? error.until.toISOString() : null,
    });
    await ctx.save();
    return {
      kind: 'paused',
      reason: error.reason,
      ...(error.until ? { until: error.until } : {}),
      message: error.details,
    };
  }
  if (error instanceof CommitFailed) return fail(ctx, error.message);
  if (error instanceof ProviderError) {
    const task = ctx.config.tasks[ctx.state.current_task_index];
    if (task) {
      ctx.state.last_errors[task.id] = error.message;
      ctx.logs.line(task.id, 'error.log', `ERROR ${error.message}`);
    }
    return fail(ctx, error.message);
  }
  throw error;
}
