import type { ProviderConfig, ResolvedConfig } from '../config/types.js';
import { UsageError } from '../errors.js';
import { ProcessHookRunner } from '../hooks/process-hook-runner.js';
import { createCallGuard } from '../limits/limits-guard.js';
import { estimateRequestTokens } from '../limits/token-estimate.js';
import { DefaultPromptBuilder } from '../prompts/prompt-builder.js';
import { withApiRetry } from '../providers/api-retry.js';
import { formatApiRetry } from '../providers/api-retry-format.js';
import { createProvider, type ProviderOptions } from '../providers/create-provider.js';
import type { Provider } from '../providers/provider.js';
import { initialState, isTaskDone, type RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';
import { describeTaskChanges, diffTasks } from '../state/task-changes.js';
import { createRedactor } from '../util/redact.js';
import type { EventSink } from './events.js';
import { Git } from './git.js';
import type { Clock } from './ports.js';
import type { EngineDeps, Interaction, RunOptions } from './run-context.js';
import { type RunOutcome, runTasks } from './run-tasks.js';
import { TaskLogs } from './task-logs.js';

export type ResumeMode = 'auto' | 'resume' | 'fresh';

export interface ResumeInfo {
  taskFile: string;
  completed: number;
  total: number;
  updatedAt: Date;
  nextTaskNumber: number;
}

/** A person at a terminal: asked whether to resume, and what to do with a stuck task. */
export interface TerminalInteraction extends Interaction {
  askResume(info: ResumeInfo): Promise<boolean>;
}

export interface StartRunOptions {
  config: ResolvedConfig;
  store: StateStore;
  mode: ResumeMode;
  run: RunOptions;
  ignoreRateLimits: boolean;
  /** Overrides `rate_limit_max_wait` (the Action's `max-wait-seconds`). */
  maxWaitSeconds?: number;
  env: Record<string, string | undefined>;
  clock: Clock;
  events: EventSink;
  interaction?: TerminalInteraction;
  signal?: AbortSignal;
  providerOptions?: ProviderOptions;
  /** See `EngineDeps.onCommitted`. */
  onCommitted?: EngineDeps['onCommitted'];
}

/**
 * The composition root shared by the CLI and the Action: takes the state lock, decides between resuming
 * and starting over, wires the real collaborators and runs the engine.
 */
export async function startRun(opts: StartRunOptions): Promise<RunOutcome> {
  const lock = await opts.store.lock();
  try {
    const state = await prepareState(opts);
    return await runTasks(await buildDeps(opts, state), state);
  } finally {
    await lock.release();
  }
}

async function prepareState(opts: StartRunOptions): Promise<RunState> {
  const { config, store, events } = opts;
  const now = new Date(opts.clock.now());
  const existing = await store.load();
  if (existing && opts.mode === 'fresh') {
    const kept = await store.archive();
    events({ type: 'info', message: `Starting fresh; the previous state is kept as ${kept ?? 'a backup'}` });
  }
  if (!existing || opts.mode === 'fresh') return initialState(config.taskFileDisplay, config.tasks, now);
  checkResumable(existing, config, store.location);
  for (const line of describeTaskChanges(diffTasks(existing.tasks, config.tasks))) {
    events({ type: 'info', message: `Task file changed since the last run: ${line}` });
  }
  if (opts.mode === 'auto' && !(await confirmResume(opts, existing))) {
    const kept = await store.archive();
    events({ type: 'info', message: `Starting over; the previous state is kept as ${kept ?? 'a backup'}` });
    return initialState(config.taskFileDisplay, config.tasks, now);
  }
  return existing;
}

function checkResumable(state: RunState, config: ResolvedConfig, location: string): void {
  if (state.task_file !== config.taskFileDisplay) {
    throw new UsageError(
      `${location} holds a run of ${state.task_file}, not ${config.taskFileDisplay}.\n` +
        `Start over with --fresh, or give this task file its own state directory: TASKMASTER_STATE_DIR=.taskmaster-2 taskmaster run ${config.taskFileDisplay}`,
    );
  }
  if (state.status === 'aborted' && !state.pending_decision) {
    throw new UsageError(
      `The previous run was aborted. Start over with: taskmaster run ${config.taskFileDisplay} --fresh`,
    );
  }
}

async function confirmResume(opts: StartRunOptions, state: RunState): Promise<boolean> {
  const { tasks } = opts.config;
  const next = tasks.findIndex((t) => !isTaskDone(state, t.id));
  if (next < 0) return true;
  if (!opts.interaction) {
    opts.events({
      type: 'info',
      message: `Found existing run state; resuming from task ${next + 1} (use --fresh to start over)`,
    });
    return true;
  }
  return opts.interaction.askResume({
    taskFile: state.task_file,
    completed: state.completed_task_ids.length,
    total: tasks.length,
    updatedAt: new Date(state.updated_at),
    nextTaskNumber: next + 1,
  });
}

async function buildDeps(opts: StartRunOptions, state: RunState): Promise<EngineDeps> {
  const { config, clock, events } = opts;
  const secrets = Object.values(config.providers).map((p: ProviderConfig) => p.api_key);
  const redact = createRedactor(secrets);
  const maxWaitSeconds = opts.maxWaitSeconds ?? config.rate_limit_max_wait;
  const providers = await buildProviders(opts, maxWaitSeconds);
  const git = new Git(config.repoRoot);
  const isRepo = await git.isRepo();
  if (!isRepo && opts.run.autoApply)
    throw new UsageError('--auto-apply needs a git repository; run `git init` first.');
  if (opts.ignoreRateLimits)
    events({
      type: 'warning',
      message: 'Ignoring configured rate limits (--ignore-config-limits): API bills and 429s are on you.',
    });
  return {
    config,
    store: opts.store,
    hooks: new ProcessHookRunner({
      repoRoot: config.repoRoot,
      env: opts.env,
      secrets: secrets.filter((s): s is string => !!s),
      clock,
    }),
    provider: (name) => {
      const provider = providers.get(name);
      if (!provider) throw new Error(`provider "${name}" is not configured`);
      return provider;
    },
    guard: createCallGuard({
      state,
      config,
      clock,
      ignoreRateLimits: opts.ignoreRateLimits,
      maxWaitSeconds,
      onWait: (e) => events({ type: 'wait', reason: e.reason, until: e.until }),
      onWarning: (message) => events({ type: 'warning', message }),
    }),
    prompts: new DefaultPromptBuilder({ stateDir: config.stateDir }),
    clock,
    events,
    logs: new TaskLogs(config.stateDir, redact, () => clock.now()),
    git: isRepo ? git : null,
    estimateTokens: (request, provider) => estimateRequestTokens(request, provider.type, request.maxTokens),
    ...(opts.interaction ? { interaction: opts.interaction } : {}),
    options: opts.run,
    ...(opts.onCommitted ? { onCommitted: opts.onCommitted } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

async function buildProviders(opts: StartRunOptions, maxWaitSeconds: number): Promise<Map<string, Provider>> {
  const used = new Set(opts.config.tasks.map((t) => t.provider));
  const entries = await Promise.all(
    [...used].map(async (name) => {
      const config = opts.config.providers[name];
      if (!config) throw new Error(`provider "${name}" is not configured`);
      const provider = await createProvider(config, { clock: opts.clock, ...opts.providerOptions });
      const retrying = withApiRetry(provider, {
        clock: opts.clock,
        maxWaitMs: maxWaitSeconds * 1000,
        // The guide's lines (`⚠ API rate limit error (HTTP 429)`, `Attempt 1/5: Waiting 2 seconds...`,
        // then `Attempt 2/5: …` alone); the warning event adds the ⚠ itself. Warnings show even with
        // --quiet, so a wait never looks hung.
        onRetry: (e) => {
          const message = formatApiRetry(e);
          opts.events(
            message.startsWith('⚠ ')
              ? { type: 'warning', message: message.slice(2) }
              : { type: 'warning', message, continued: true },
          );
        },
      });
      return [name, retrying] as const;
    }),
  );
  return new Map(entries);
}
