/**
 * The shape of `state.json` (§10). The zod schema is the one definition: the TypeScript type is derived
 * from it and loading validates against it. Field names follow the guide's state file.
 */
import { z } from 'zod';

export const STATE_VERSION = 1;

export const RUN_STATUSES = [
  'running',
  'paused',
  'needs_intervention',
  'completed',
  'failed',
  'aborted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const INTERVENTIONS = ['retry', 'skip', 'abort'] as const;
export type Intervention = (typeof INTERVENTIONS)[number];

const count = z.number().int().nonnegative();
const isoTime = z.string().min(1);

export const usageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_write_tokens: count,
});

/** Usage against the configured windows of one provider, as the guide shows it. */
export const windowUsageSchema = z.object({
  requests_minute: count,
  requests_hour: count,
  requests_day: count,
  tokens_minute: count,
  tokens_hour: count,
  tokens_day: count,
  window_start_minute: isoTime,
  window_start_hour: isoTime,
  window_start_day: isoTime,
});

export const taskUsageSchema = usageSchema.extend({
  /** Usage of each attempt, index 0 = attempt 1. */
  attempts: z.array(usageSchema),
});

/**
 * A task's last failed attempt as its retry prompt shows it, each part bounded like hook output. Kept so
 * that a retry after a resume, a pause or a decision gets the same prompt as one in the same process.
 */
export const lastFailureSchema = z.object({
  /** The attempt that failed (1-based). */
  attempt: z.number().int().positive(),
  /** `{{previous_response}}`: the model's `finish` summary or last text. */
  previous_response: z.string(),
  /** `{{error_output}}`: each failed hook's command, exit code and normalised head and tail. */
  error_output: z.string(),
  /** `{{failure_reason}}`: what failed, one line per failed hook. */
  failure_reason: z.string(),
  /** `{{fix_suggestions}}`: what to fix, as a bulleted list. */
  fix_suggestions: z.string(),
});

export const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  task_file: z.string(),
  status: z.enum(RUN_STATUSES),
  completed_task_ids: z.array(z.string()),
  /** Tasks a person (or `on_give_up: skip`) chose to pass over. */
  skipped_task_ids: z.array(z.string()),
  current_task_index: count,
  created_at: isoTime,
  updated_at: isoTime,
  failure_counts: z.record(z.string(), count),
  attempt_counts: z.record(z.string(), count),
  non_progress_counts: z.record(z.string(), count),
  /** Attempts a task may use in total; `retry` adds a fresh set. Absent means the configured maximum. */
  attempt_allowances: z.record(z.string(), count),
  user_interventions: z.record(z.string(), z.enum(INTERVENTIONS)),
  last_errors: z.record(z.string(), z.string()),
  /** One short line per failed attempt, for "Recent failures" in the intervention prompt. */
  error_history: z.record(z.string(), z.array(z.string())),
  /** Per task, its last failed attempt for the retry prompt. Absent in states written before it existed. */
  last_failures: z.record(z.string(), lastFailureSchema).optional(),
  /** Tasks in a row that ended given up (§6 `max_consecutive_failures`). */
  consecutive_failures: count,
  /** Set while status is `needs_intervention`: the task a person must decide about. */
  needs_intervention: z.object({ task_id: z.string(), reason: z.string() }).nullable(),
  /** A decision given with `taskmaster retry|skip|abort` (or a PR comment) and not yet applied. */
  pending_decision: z.object({ task_id: z.string(), decision: z.enum(INTERVENTIONS) }).nullable(),
  paused_until: isoTime.nullable(),
  pause_reason: z.string().nullable(),
  rate_limit_usage: z.record(z.string(), windowUsageSchema),
  token_usage: z.object({
    total: usageSchema,
    by_provider: z.record(z.string(), usageSchema),
    by_task: z.record(z.string(), taskUsageSchema),
  }),
  /**
   * Tasks whose post-hooks passed but whose `--auto-apply` commit failed. The next run checks them again
   * and commits them without using an attempt. Absent in states written before it existed.
   */
  pending_commits: z.array(z.string()).optional(),
  /** Commit made for each task with `--auto-apply`. */
  applied_commits: z.record(z.string(), z.string()),
  /** The run flags a resume keeps unless it is given others (`--auto-apply`, `--stop-on-first-failure`). */
  run_options: z.object({ auto_apply: z.boolean(), stop_on_first_failure: z.boolean() }).optional(),
  /**
   * Id, title and hooks of every task when the state was last written, to report task-file changes
   * (see task-changes.ts). The hook lists are absent in older states.
   */
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      pre_hooks: z.array(z.string()).optional(),
      post_hooks: z.array(z.string()).optional(),
    }),
  ),
  /** Fingerprints of the hook definitions, to report hook changes on resume (see hook-changes.ts). */
  hook_fingerprints: z
    .object({
      salt: z.string(),
      hooks: z.record(
        z.string(),
        z.object({
          command: z.string(),
          working_dir: z.string().nullable(),
          env: z.record(z.string(), z.string()),
          timeout: z.number(),
          stop_on_failure: z.boolean(),
          retry_count: z.number(),
          retry_delay: z.number(),
          capture_output: z.boolean(),
          log_output: z.boolean(),
          quiet: z.boolean(),
        }),
      ),
    })
    .optional(),
});

export type RunState = z.infer<typeof stateSchema>;
export type WindowUsage = z.infer<typeof windowUsageSchema>;
export type TaskUsage = z.infer<typeof taskUsageSchema>;
export type LastFailure = z.infer<typeof lastFailureSchema>;

/** A new state for a task file, as a fresh run starts it. */
export function initialState(
  taskFile: string,
  tasks: ReadonlyArray<{ id: string; title: string }>,
  now: Date,
): RunState {
  const stamp = now.toISOString();
  return {
    version: STATE_VERSION,
    task_file: taskFile,
    status: 'running',
    completed_task_ids: [],
    skipped_task_ids: [],
    current_task_index: 0,
    created_at: stamp,
    updated_at: stamp,
    failure_counts: {},
    attempt_counts: {},
    non_progress_counts: {},
    attempt_allowances: {},
    user_interventions: {},
    last_errors: {},
    error_history: {},
    last_failures: {},
    consecutive_failures: 0,
    needs_intervention: null,
    pending_decision: null,
    paused_until: null,
    pause_reason: null,
    rate_limit_usage: {},
    token_usage: {
      total: { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 },
      by_provider: {},
      by_task: {},
    },
    applied_commits: {},
    tasks: tasks.map(({ id, title }) => ({ id, title })),
  };
}

/** A task a run no longer works on: completed, or skipped (by a person or `on_give_up: skip`). */
export function isTaskDone(state: RunState, taskId: string): boolean {
  return state.completed_task_ids.includes(taskId) || state.skipped_task_ids.includes(taskId);
}
