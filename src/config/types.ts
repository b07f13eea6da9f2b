/**
 * The configuration after loading, interpolation, merging and validation: what the engine consumes.
 * Keys keep the snake_case spelling of the files so that the docs, the schema and the code say the same
 * words. Every path here is absolute unless its doc says otherwise.
 */

export type ProviderType = 'claude' | 'openai' | 'scripted';
export type OnGiveUp = 'ask' | 'skip' | 'stop';
/** `auto`: bubblewrap when it works here; `bwrap`: bubblewrap or no start; `none`: never (docs/security.md). */
export type SandboxMode = 'auto' | 'bwrap' | 'none';

/** Per-provider limits (§8.1). Unset means unlimited. */
export interface RateLimits {
  max_requests_minute?: number;
  max_requests_hour?: number;
  max_requests_day?: number;
  max_tokens_minute?: number;
  max_tokens_hour?: number;
  max_tokens_day?: number;
}

/** USD per million tokens; overrides the built-in price table for this provider's model. */
export interface PricingConfig {
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
}

export interface ProviderConfig {
  /** Key in `provider_configs`, e.g. `claude`. Also the key in state's `rate_limit_usage`. */
  name: string;
  type: ProviderType;
  /** The resolved secret. Never written to state, logs or prompts. */
  api_key?: string;
  /** Environment variable the key was read from (`${ANTHROPIC_API_KEY}` → `ANTHROPIC_API_KEY`), for messages. */
  api_key_env?: string;
  model: string;
  base_url?: string;
  /** Maximum tokens per model response. */
  max_tokens: number;
  /** Seconds without data from the server before a call counts as a dropped connection (docs/providers.md). */
  idle_timeout?: number;
  rate_limits: RateLimits;
  pricing?: PricingConfig;
  /** `scripted` only: absolute path of the script file (§7.3). */
  script?: string;
}

export interface HookConfig {
  /** Key in `hooks`. */
  name: string;
  command: string;
  description?: string;
  /** Seconds; on expiry the whole process tree is killed. */
  timeout: number;
  stop_on_failure: boolean;
  /** Absolute; when unset the hook runs in the repository root. */
  working_dir?: string;
  env: Record<string, string>;
  retry_count: number;
  /** Seconds between re-runs of a failing hook. */
  retry_delay: number;
  capture_output: boolean;
  log_output: boolean;
  quiet: boolean;
}

export interface TaskConfig {
  id: string;
  title: string;
  description: string;
  /** From `requirements`, or the bullet lines of `description` when that is absent. */
  requirements: string[];
  /** Relative to the repository root, POSIX separators, no trailing slash; `.` for the root. */
  path: string;
  /** Resolved provider name (a key of `providers`). */
  provider: string;
  pre_hooks: string[];
  post_hooks: string[];
  max_attempts: number;
}

export interface PromptTemplatesConfig {
  /** Absolute paths of custom templates; unset means the built-in one. */
  system?: string;
  task?: string;
  retry?: string;
  variables: Record<string, string>;
}

export interface PromptContextConfig {
  include_git_status: boolean;
  include_file_list: boolean;
  include_file_contents: boolean;
  max_files_listed: number;
  /** Bytes; larger files are never included in full. */
  max_file_size: number;
  include_patterns: string[];
  exclude_patterns: string[];
}

export interface BudgetConfig {
  max_tokens_per_task?: number;
  max_tokens_per_run?: number;
}

export interface ResolvedConfig {
  /** Git top-level of the working directory (or the working directory outside git). */
  repoRoot: string;
  /** Absolute path of the task file. */
  taskFile: string;
  /** The task file as recorded in state and shown to users (relative to the repo root). */
  taskFileDisplay: string;
  /** Absolute path of `.taskmaster.yml` when one was used. */
  configFile?: string;
  /** Absolute state directory (`.taskmaster` under the repo root, or `TASKMASTER_STATE_DIR`). */
  stateDir: string;
  default_provider: string;
  providers: Record<string, ProviderConfig>;
  max_attempts_per_task: number;
  max_consecutive_failures: number;
  detect_non_progress: boolean;
  max_non_progress: number;
  max_turns_per_attempt: number;
  on_give_up: OnGiveUp;
  /** Seconds the runner may wait in-process for a rate-limit window; 0 never waits. */
  rate_limit_max_wait: number;
  protected_paths: string[];
  /** How hooks and agent commands are isolated from TaskMaster's own process. */
  sandbox: SandboxMode;
  budget: BudgetConfig;
  hooks: Record<string, HookConfig>;
  prompt_templates: PromptTemplatesConfig;
  prompt_context: PromptContextConfig;
  tasks: TaskConfig[];
}

/** Defaults for every optional key; the docs' reference table is checked against these. */
export const DEFAULTS = {
  max_attempts_per_task: 3,
  max_consecutive_failures: 2,
  detect_non_progress: true,
  max_non_progress: 2,
  max_turns_per_attempt: 40,
  on_give_up: 'ask' as OnGiveUp,
  rate_limit_max_wait: 90,
  sandbox: 'auto' as SandboxMode,
  provider_max_tokens: 8192,
  hook: {
    timeout: 300,
    stop_on_failure: true,
    retry_count: 0,
    retry_delay: 5,
    capture_output: true,
    log_output: true,
    quiet: false,
  },
  prompt_context: {
    include_git_status: true,
    include_file_list: true,
    include_file_contents: false,
    max_files_listed: 200,
    max_file_size: 10_000,
    include_patterns: [] as string[],
    exclude_patterns: [] as string[],
  },
} as const;
