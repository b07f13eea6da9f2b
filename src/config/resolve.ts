import type { ResolvedConfig } from './types.js';
import { DEFAULTS } from './types.js';
import type { ResolveContext } from './context.js';
import { resolveDefaultProvider } from './default-provider.js';
import { compact } from './key-path.js';
import { checkHookList } from './references.js';
import { resolveHooks } from './resolve-hooks.js';
import { resolveProviders } from './resolve-providers.js';
import { resolveSandbox } from './resolve-sandbox.js';
import { resolveTasks } from './resolve-tasks.js';
import { resolveTemplates } from './resolve-templates.js';
import type { RawFile } from './schema.js';

/** Where the run's files are; decided before the configuration is read. */
export type RunLocations = Pick<ResolvedConfig, 'repoRoot' | 'taskFile' | 'taskFileDisplay' | 'stateDir'> & {
  configFile?: string;
};

/**
 * Applies defaults to the merged files, resolves names and paths, and reports every problem on the
 * way. The result is only trustworthy when no problem was reported.
 */
export async function resolveConfig(
  merged: RawFile,
  locations: RunLocations,
  ctx: ResolveContext,
): Promise<ResolvedConfig> {
  const providers = await resolveProviders(merged.provider_configs, ctx);
  const defaultProvider = resolveDefaultProvider(merged, ctx);
  const hooks = await resolveHooks(merged.hooks, ctx);
  const hookNames = Object.keys(hooks);
  checkHookList(ctx, ['hook_defaults', 'pre_hooks'], merged.hook_defaults?.pre_hooks, hookNames);
  checkHookList(ctx, ['hook_defaults', 'post_hooks'], merged.hook_defaults?.post_hooks, hookNames);
  const max_attempts_per_task = merged.max_attempts_per_task ?? DEFAULTS.max_attempts_per_task;
  const tasks = await resolveTasks(
    merged.tasks,
    {
      defaultProvider,
      providerNames: Object.keys(merged.provider_configs ?? {}),
      hookNames,
      hookDefaults: merged.hook_defaults,
      maxAttempts: max_attempts_per_task,
    },
    ctx,
  );
  return {
    ...locations,
    default_provider: defaultProvider ?? '',
    providers,
    ...runLimits(merged),
    max_attempts_per_task,
    sandbox: await resolveSandbox(merged, ctx),
    hooks,
    prompt_templates: await resolveTemplates(merged.prompt_templates, ctx),
    prompt_context: promptContext(merged),
    tasks,
  };
}

function runLimits(merged: RawFile) {
  return {
    max_consecutive_failures: merged.max_consecutive_failures ?? DEFAULTS.max_consecutive_failures,
    detect_non_progress: merged.detect_non_progress ?? DEFAULTS.detect_non_progress,
    max_non_progress: merged.max_non_progress ?? DEFAULTS.max_non_progress,
    max_turns_per_attempt: merged.max_turns_per_attempt ?? DEFAULTS.max_turns_per_attempt,
    on_give_up: merged.on_give_up ?? DEFAULTS.on_give_up,
    rate_limit_max_wait: merged.rate_limit_max_wait ?? DEFAULTS.rate_limit_max_wait,
    protected_paths: merged.protected_paths ?? [],
    budget: compact({ ...merged.budget }),
  };
}

function promptContext(merged: RawFile): ResolvedConfig['prompt_context'] {
  const defaults = DEFAULTS.prompt_context;
  return {
    ...defaults,
    include_patterns: [...defaults.include_patterns],
    exclude_patterns: [...defaults.exclude_patterns],
    ...compact({ ...merged.prompt_context }),
  };
}
