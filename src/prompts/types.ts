import type { ResolvedConfig, TaskConfig } from '../config/types.js';
import type { HookResult } from '../hooks/types.js';

/**
 * What the retry prompt says about a failed attempt, worked out once when it failed. State keeps it
 * (`last_failures`), so a retry after a resume, a pause or a decision gets the same prompt.
 */
export interface FailureReport {
  /** `{{error_output}}`. */
  errorOutput: string;
  /** `{{failure_reason}}`. */
  failureReason: string;
  /** `{{fix_suggestions}}`. */
  fixSuggestions: string;
}

/** One earlier failed attempt, for the retry prompt's "Earlier Attempts" (`{{failure_history}}`). */
export interface FailedAttemptLine {
  attempt: number;
  /** What failed, in one line: `test hook failed (exit code 1): AssertionError in test_login`. */
  reason: string;
}

/** What the previous, failed attempt left behind, for the retry prompt. */
export interface PreviousAttempt {
  /** 1-based number of the attempt that failed. */
  attempt: number;
  /** The agent's last text or `finish` summary in that attempt. */
  response: string;
  /** The hooks that failed it (stop_on_failure ones first). Empty when the agent itself failed. */
  failedHooks: HookResult[];
  /** One-line error, as stored in state `last_errors`. */
  error: string;
  /** The failure as the retry prompt shows it; when present it wins over reading `failedHooks` again. */
  report?: FailureReport;
  /** Every failed attempt of the task so far, oldest first (this one last). */
  history?: FailedAttemptLine[];
}

export interface PromptInputs {
  config: ResolvedConfig;
  task: TaskConfig;
  /** 1-based number of the attempt about to run. */
  attempt: number;
  /** Present from attempt 2 on (or after a retry decision). */
  previous?: PreviousAttempt;
}

export interface RenderedPrompt {
  system: string;
  /** The first user message of the attempt: the task prompt, or the retry prompt. */
  user: string;
}

/** Built-in system/task/retry templates, or the user's, rendered with every variable (§9). */
export interface PromptBuilder {
  build(inputs: PromptInputs): Promise<RenderedPrompt>;
}
