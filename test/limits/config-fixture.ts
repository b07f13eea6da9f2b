import {
  DEFAULTS,
  type ProviderConfig,
  type ResolvedConfig,
  type TaskConfig,
} from '../../src/config/types.js';

/** A provider entry with the defaults a loaded config would have. */
export function provider(overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    name: 'claude',
    type: 'claude',
    model: 'claude-sonnet-4-5',
    max_tokens: DEFAULTS.provider_max_tokens,
    rate_limits: {},
    ...overrides,
  };
}

export function task(id: string, overrides: Partial<TaskConfig> = {}): TaskConfig {
  return {
    id,
    title: `Task ${id}`,
    description: '',
    requirements: [],
    path: '.',
    provider: 'claude',
    pre_hooks: [],
    post_hooks: [],
    max_attempts: 3,
    ...overrides,
  };
}

/** A resolved configuration with one `claude` provider unless others are given. */
export function config(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    repoRoot: '/repo',
    taskFile: '/repo/tasks.yml',
    taskFileDisplay: 'tasks.yml',
    stateDir: '/repo/.taskmaster',
    default_provider: 'claude',
    providers: { claude: provider() },
    max_attempts_per_task: DEFAULTS.max_attempts_per_task,
    max_consecutive_failures: DEFAULTS.max_consecutive_failures,
    detect_non_progress: DEFAULTS.detect_non_progress,
    max_non_progress: DEFAULTS.max_non_progress,
    max_turns_per_attempt: DEFAULTS.max_turns_per_attempt,
    on_give_up: DEFAULTS.on_give_up,
    rate_limit_max_wait: DEFAULTS.rate_limit_max_wait,
    protected_paths: [],
    sandbox: DEFAULTS.sandbox,
    budget: {},
    hooks: {},
    prompt_templates: { variables: {} },
    prompt_context: { ...DEFAULTS.prompt_context, include_patterns: [], exclude_patterns: [] },
    tasks: [],
    ...overrides,
  };
}
