/**
 * The words a user sees when `state.json` cannot be used. The corrupt-file text is the guide's own
 * ("State Corruption Recovery"); the door prefixes it with `Error: `.
 */
import { STATE_VERSION } from './run-state.js';
import { BACKUP_FILE, STATE_FILE, shellQuote, type StatePaths } from './state-paths.js';

/** What the recovery steps need to know beyond the directory. */
export interface RecoveryContext {
  /** The state directory, real and as shown. */
  paths: StatePaths;
  /** The task file to name in "Start fresh" (the store does not know it; `tasks.yml` by default). */
  taskFile: string;
  /** Whether `state.json.bak` holds a loadable previous state worth offering. */
  backupUsable: boolean;
}

/** `Failed to load state: <reason>` followed by the guide's three recovery steps. */
export function loadFailureMessage(reason: string, ctx: RecoveryContext): string {
  return [`Failed to load state: ${reason}`, '', ...recoverySteps(ctx)].join('\n');
}

export function recoverySteps(ctx: RecoveryContext): string[] {
  const { paths } = ctx;
  const steps = [
    'To recover:',
    `  1. Backup corrupted file: cp ${paths.show(STATE_FILE)} state.backup`,
    // Only the state files: the directory also holds the user's prompt templates (`prompts/`).
    `  2. Remove state: rm -f ${paths.show(STATE_FILE)} ${paths.show(BACKUP_FILE)}`,
    `  3. Start fresh: taskmaster run ${shellQuote(ctx.taskFile)}`,
    `  Or all in one: taskmaster run ${shellQuote(ctx.taskFile)} --fresh (keeps the corrupted file as ${STATE_FILE}.<time>.old)`,
  ];
  if (ctx.backupUsable) {
    steps.push(
      `  Or restore the previous save instead: cp ${paths.show(BACKUP_FILE)} ${paths.show(STATE_FILE)}`,
    );
  }
  return steps;
}

/** A newer TaskMaster wrote the file; this one must not guess at fields it does not know. */
export function newerVersionMessage(version: number, ctx: RecoveryContext): string {
  const file = ctx.paths.show(STATE_FILE);
  return [
    `Failed to load state: ${file} was written by a newer TaskMaster ` +
      `(state version ${version}; this version reads version ${STATE_VERSION}).`,
    '',
    'Upgrade TaskMaster to continue this run, or start over (the old state is kept as a backup):',
    `  taskmaster run ${shellQuote(ctx.taskFile)} --fresh`,
  ].join('\n');
}
