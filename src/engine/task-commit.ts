/**
 * The `--auto-apply` commit of a task whose post-hooks passed. A git failure is not a task failure: the
 * verified work stays in the working tree, state remembers that only the commit is missing
 * (`pending_commits`), and the run stops with what went wrong. The next run checks the task again and
 * commits it without using an attempt (see docs/state-and-resume.md).
 */
import path from 'node:path';
import type { TaskConfig } from '../config/types.js';
import { runPhase } from './attempt.js';
import { clearStaleIndexLock } from './index-lock.js';
import type { RunContext } from './run-context.js';

/** The commit of a verified task failed; the run stops (exit 1) and `taskmaster resume` commits it. */
export class CommitFailed extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CommitFailed';
  }
}

/** Commits the task's changes; `null` when there was nothing to commit. Throws `CommitFailed`. */
export async function commitVerified(
  ctx: RunContext,
  task: TaskConfig,
  message: string,
): Promise<string | null> {
  const git = ctx.git;
  if (!git) throw new Error('commitVerified needs a git repository');
  try {
    await unlockIndex(ctx, git.root);
    return await git.commitAll(message, ctx.config.stateDir, ctx.writes.of(task.id));
  } catch (error) {
    const pending = (ctx.state.pending_commits ??= []);
    if (!pending.includes(task.id)) pending.push(task.id);
    await ctx.save();
    const reason = error instanceof Error ? error.message : String(error);
    ctx.logs.line(task.id, 'error.log', `ERROR commit failed: ${reason}`);
    throw new CommitFailed(
      [
        `Could not commit task ${task.id} (its post-hooks passed): ${reason}`,
        'The verified changes are still in the working tree. Fix the problem above, then run:',
        '  taskmaster resume    # checks the task again and commits it; no attempt is used',
      ].join('\n'),
      { cause: error },
    );
  }
}

/**
 * A task whose commit failed last time: true when its post-hooks still pass (the caller commits it),
 * false when they no longer do (it runs again as usual, its attempts as they were).
 */
export async function reverifyPendingCommit(ctx: RunContext, task: TaskConfig): Promise<boolean> {
  const pending = ctx.state.pending_commits ?? [];
  if (!pending.includes(task.id)) return false;
  ctx.events({
    type: 'info',
    message: `${task.id}: passed last time but was not committed; checking it again (no attempt used)`,
  });
  const results = await runPhase(ctx, task, 'post', task.post_hooks);
  if (results.every((r) => r.passed || !r.stopOnFailure)) return true;
  ctx.state.pending_commits = pending.filter((id) => id !== task.id);
  await ctx.save();
  ctx.events({ type: 'warning', message: `${task.id}: its post-hooks no longer pass; running it again` });
  return false;
}

async function unlockIndex(ctx: RunContext, root: string): Promise<void> {
  const lock = await clearStaleIndexLock(root);
  const shown = (file: string): string => path.relative(root, file) || file;
  if (lock.kind === 'removed') {
    ctx.events({
      type: 'warning',
      message: `Removed a stale ${shown(lock.file)} (${lock.ageSeconds}s old, no git process running in this repository): a git command that did not finish left it`,
    });
  }
  if (lock.kind === 'held') {
    throw new Error(
      `${shown(lock.file)} exists and ${lock.why}. If no git command is running in this repository, remove it: rm ${shown(lock.file)}`,
    );
  }
}
