import path from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import type { ResolvedConfig } from '../../config/types.js';
import { RunInterrupted, UsageError } from '../../errors.js';
import type { RunOutcome } from '../../engine/run-tasks.js';
import { type ResumeMode, startRun } from '../../engine/start-run.js';
import { commitMessage } from '../../engine/task-runner.js';
import { runRedactor } from '../../util/run-secrets.js';
import type { CliCommand } from '../args.js';
import { shouldUseColor } from '../color.js';
import { type CliIO, clockOf, isInteractive, println, redactedIO } from '../io.js';
import { createProgressRenderer } from '../progress.js';
import { selectRun } from '../run-selection.js';
import { findStateDir, openRunStore } from '../state-location.js';
import { terminalInteraction } from '../terminal-interaction.js';
import { dryRunCommand } from './dry-run.js';

type RunCommand = Extract<CliCommand, { name: 'run' }>;
type ResumeCommand = Extract<CliCommand, { name: 'resume' }>;

export async function runCommand(command: RunCommand, io: CliIO): Promise<number> {
  const config = await loadConfig({
    cwd: io.cwd,
    taskFile: command.taskFile,
    env: io.env,
    requireSecrets: !command.dryRun,
    ...(command.config ? { configPath: command.config } : {}),
  });
  // A dry run prints the prompts, which quote files and hook output.
  if (command.dryRun) return dryRunCommand(config, command, redactedIO(io, runRedactor(config, io.env)));
  const mode: ResumeMode = command.fresh ? 'fresh' : command.resume ? 'resume' : 'auto';
  return execute(config, mode, command, io);
}

/** `taskmaster resume`: the task file comes from the saved state. */
export async function resumeCommand(command: ResumeCommand, io: CliIO): Promise<number> {
  const selection = await selectRun(io, command, new Date(clockOf(io).now()));
  if (selection.kind === 'several') throw new UsageError(selection.text);
  const state = selection.kind === 'one' ? await selection.store.load() : null;
  if (!state || selection.kind !== 'one')
    throw new UsageError(
      `Nothing to resume: no run state in ${await findStateDir(io.cwd, io.env)}. Start a run with: taskmaster run <task-file>`,
    );
  const config = await loadConfig({
    cwd: io.cwd,
    // State records the task file relative to the repository root, so resume works from any subdirectory.
    taskFile: path.resolve(selection.repoRoot, state.task_file),
    env: io.env,
    ...(command.config ? { configPath: command.config } : {}),
  });
  // A resume keeps the run's own flags: tasks finished after a pause are committed like the ones before.
  const saved = state.run_options;
  const flags = {
    ...command,
    autoApply: command.autoApply || (saved?.auto_apply ?? false),
    stopOnFirstFailure: command.stopOnFirstFailure || (saved?.stop_on_first_failure ?? false),
  };
  return execute(config, 'resume', flags, io);
}

const INTERRUPTED_BEFORE_START =
  'Interrupted before the run started; the saved state is unchanged. Run `taskmaster resume` to continue.';

interface ExecuteFlags {
  stopOnFirstFailure: boolean;
  autoApply: boolean;
  ignoreConfigLimits: boolean;
  quiet: boolean;
  verbose: boolean;
}

async function execute(
  config: ResolvedConfig,
  mode: ResumeMode,
  flags: ExecuteFlags,
  rawIO: CliIO,
): Promise<number> {
  // Hooks print what they like, a model may repeat a key it saw, and --verbose prints what it says:
  // one redactor for the run, handed to every writer (see docs/security.md).
  const redact = runRedactor(config, rawIO.env);
  const io = redactedIO(rawIO, redact);
  const progress = createProgressRenderer(io.stdout, {
    color: shouldUseColor(io.stdout, io.env),
    quiet: flags.quiet,
    verbose: flags.verbose,
    redact,
  });
  const interaction = isInteractive(io) ? terminalInteraction(io) : undefined;
  try {
    const outcome = await startRun({
      config,
      store: openRunStore(config.stateDir, io.cwd, config.taskFileDisplay, redact),
      mode,
      run: {
        stopOnFirstFailure: flags.stopOnFirstFailure,
        autoApply: flags.autoApply,
        verbose: flags.verbose,
      },
      ignoreRateLimits: flags.ignoreConfigLimits,
      env: io.env,
      clock: clockOf(io),
      events: progress.onEvent,
      redact,
      ...(interaction ? { interaction } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onCommitted: (task, commit) => Promise.resolve(progress.committed(commit, commitMessage(task))),
    });
    progress.close();
    return reportOutcome(outcome, io);
  } catch (error) {
    // Before the run starts (the resume question) nothing was changed, so there is nothing to save.
    if (!(error instanceof RunInterrupted)) throw error;
    progress.close();
    return reportOutcome({ kind: 'interrupted', message: INTERRUPTED_BEFORE_START }, io);
  } finally {
    progress.close();
  }
}

/** The last lines of a run and its exit code (§11): 0 done, 1 failed/aborted, 3 paused, 130 interrupted. */
export function reportOutcome(outcome: RunOutcome, io: CliIO): number {
  switch (outcome.kind) {
    case 'completed':
      println(
        io.stdout,
        `\n✓ Run complete: ${outcome.completed} of ${outcome.total} tasks completed${outcome.skipped ? `, ${outcome.skipped} skipped` : ''}.`,
      );
      return 0;
    case 'paused':
      println(io.stderr, `\n${outcome.message}`);
      return 3;
    case 'needs-intervention':
      println(io.stderr, `\n${outcome.message}`);
      return 3;
    case 'failed':
      println(io.stderr, `\n✗ Run failed: ${outcome.message}`);
      return 1;
    case 'aborted':
      println(io.stderr, `\n✗ ${outcome.message}`);
      return 1;
    case 'interrupted':
      println(io.stderr, `\n${outcome.message}`);
      return 130;
  }
}
