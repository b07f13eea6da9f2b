/**
 * The commands and flags of `taskmaster` as data: commander is configured from this table and
 * the `--help` text is rendered from it, so the two cannot disagree.
 */

/** One flag of a command. */
export interface FlagSpec {
  /** Commander flag syntax: `--config <path>`, `--dry-run`. */
  flags: string;
  /** One line for `--help`. */
  description: string;
}

export type CommandName = 'run' | 'resume' | 'status' | 'debug' | 'retry' | 'skip' | 'abort' | 'validate';

/** One command. */
export interface CommandSpec {
  name: CommandName;
  /** Positional arguments in commander syntax: `<task-file>`, `[task-id]`, or empty. */
  args: string;
  /** One line for `--help`. */
  description: string;
  flags: readonly FlagSpec[];
}

const CONFIG: FlagSpec = {
  flags: '--config <path>',
  description: 'configuration file (default: .taskmaster.yml in the working directory)',
};
const TASK_FILE: FlagSpec = {
  flags: '--task-file <path>',
  description: 'the run of this task file, when the state directory holds runs of several',
};
const STOP_ON_FIRST_FAILURE: FlagSpec = {
  flags: '--stop-on-first-failure',
  description: 'stop the run at the first failed attempt (exit 1)',
};
const AUTO_APPLY: FlagSpec = {
  flags: '--auto-apply',
  description: 'commit each task\'s changes when it succeeds ("taskmaster(<id>): <title>")',
};
const IGNORE_LIMITS: FlagSpec = {
  flags: '--ignore-config-limits',
  description: 'skip the configured rate-limit checks (not recommended)',
};
const QUIET: FlagSpec = { flags: '--quiet', description: 'print only task results, warnings and errors' };
const VERBOSE: FlagSpec = {
  flags: '--verbose',
  description: 'also show model calls; write each prompt to .taskmaster/logs/<task-id>/prompt.txt',
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    args: '<task-file>',
    description: 'run the tasks of a task file (asks to resume when saved state exists)',
    flags: [
      CONFIG,
      {
        flags: '--dry-run',
        description: 'call no model and run no hook: render prompts and estimate tokens',
      },
      { flags: '--resume', description: 'continue from the saved state without asking' },
      { flags: '--fresh', description: 'start over, keeping the old state as a backup' },
      STOP_ON_FIRST_FAILURE,
      AUTO_APPLY,
      IGNORE_LIMITS,
      QUIET,
      VERBOSE,
    ],
  },
  {
    name: 'resume',
    args: '',
    description: 'continue the saved run (after a pause, a decision or an interruption)',
    flags: [TASK_FILE, CONFIG, STOP_ON_FIRST_FAILURE, AUTO_APPLY, IGNORE_LIMITS, QUIET, VERBOSE],
  },
  {
    name: 'status',
    args: '',
    description: 'show which tasks are done and which is next',
    flags: [TASK_FILE, CONFIG],
  },
  {
    name: 'debug',
    args: '',
    description: "show every task's counters, last errors and rate-limit usage",
    flags: [TASK_FILE, CONFIG],
  },
  {
    name: 'retry',
    args: '[task-id]',
    description: 'give the task waiting for a decision a fresh set of attempts',
    flags: [TASK_FILE, CONFIG],
  },
  {
    name: 'skip',
    args: '[task-id]',
    description: 'skip the task waiting for a decision',
    flags: [TASK_FILE, CONFIG],
  },
  { name: 'abort', args: '', description: 'end the run waiting for a decision', flags: [TASK_FILE, CONFIG] },
  {
    name: 'validate',
    args: '<task-file>',
    description: 'check the configuration and task file, reporting every problem',
    flags: [CONFIG],
  },
];

/** Exit codes, for `--help`. */
export const EXIT_CODES: ReadonlyArray<readonly [number, string]> = [
  [0, 'every task completed or skipped'],
  [1, 'the run failed, stopped or was aborted'],
  [2, 'bad usage, configuration or state'],
  [3, "paused: rate limit, budget, or a person's decision needed (continue with: taskmaster resume)"],
  [130, 'interrupted by Ctrl+C (state saved; continue with: taskmaster resume)'],
  [143, 'interrupted by SIGTERM, e.g. a cancelled CI job (state saved, as for 130)'],
];
