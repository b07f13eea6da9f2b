import type { ResolvedConfig } from '../config/types.js';
import { StateError, UsageError } from '../errors.js';
import { chooseSandbox } from '../hooks/choose-sandbox.js';
import { hookEnvironment } from '../hooks/hook-env.js';
import { ProcessHookRunner } from '../hooks/process-hook-runner.js';
import { createCallGuard } from '../limits/limits-guard.js';
import { estimateRequestTokens } from '../limits/token-estimate.js';
import { DefaultPromptBuilder } from '../prompts/prompt-builder.js';
import { withApiRetry } from '../providers/api-retry.js';
import { formatApiRetry } from '../providers/api-retry-format.js';
import { createProvider, type ProviderOptions } from '../providers/create-provider.js';
import type { Provider } from '../providers/provider.js';
import { carryAccountUsage } from '../state/account-usage.js';
import { initialState, isTaskDone, type RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';
import { changesSince } from '../state/task-changes.js';
import type { Redactor } from '../util/redact.js';
import { runRedactor } from '../util/run-secrets.js';
import type { EventSink } from './events.js';
import { Git } from './git.js';
import type { Clock } from './ports.js';
import { withRedactedRequests } from './redacted-provider.js';
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
  /**
   * The run's redactor, when the door built one for its own writers too; else one is built here from
   * the configuration and `env` (see `runRedactor`).
   */
  redact?: Redactor;
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
  if (opts.mode === 'fresh') return withSiblingUsage(store, newRun(opts, await setAside(opts), now));
  const existing = await store.load();
  if (!existing) return withSiblingUsage(store, newRun(opts, null, now));
  checkResumable(existing, config, store.location);
  const changes = changesSince(existing, config);
  for (const line of changes.tasks)
    events({ type: 'info', message: `Task file changed since the last run: ${line}` });
  for (const line of changes.hooks)
    events({ type: 'warning', message: `Hooks changed since the last run: ${line}` });
  if (opts.mode === 'auto' && !(await confirmResume(opts, existing))) {
    const kept = await store.archive();
    events({ type: 'info', message: `Starting over; the previous state is kept as ${kept ?? 'a backup'}` });
    return withSiblingUsage(store, newRun(opts, existing, now));
  }
  return withSiblingUsage(store, existing);
}

/**
 * The other task files' runs in the same state directory used the same provider accounts: their newest
 * window usage counts for this run too (docs/state-and-resume.md, "Several task files").
 */
async function withSiblingUsage(store: StateStore, state: RunState): Promise<RunState> {
  for (const sibling of (await store.siblingStates?.()) ?? []) carryAccountUsage(sibling, state);
  return state;
}

/** A new run's state; the rate-limit usage of the run it replaces carries over (it is the account's). */
function newRun(opts: StartRunOptions, previous: RunState | null, now: Date): RunState {
  return carryAccountUsage(previous, initialState(opts.config.taskFileDisplay, opts.config.tasks, now));
}

/**
 * `--fresh`: keeps the current state as a backup and returns it, for its rate-limit usage. It is also the
 * way out of a state file that cannot be read: that file is kept the same way, and the usage comes from
 * the previous save when that still loads. Other failures (a disk error) still stop the run.
 */
async function setAside(opts: StartRunOptions): Promise<RunState | null> {
  const { store, events } = opts;
  try {
    const existing = await store.load();
    const kept = existing ? await store.archive() : null;
    if (existing)
      events({
        type: 'info',
        message: `Starting fresh; the previous state is kept as ${kept ?? 'a backup'}`,
      });
    return existing;
  } catch (error) {
    if (!(error instanceof StateError) || (error.kind !== 'corrupt' && error.kind !== 'invalid')) throw error;
    const backup = (await store.loadBackup?.()) ?? null;
    const kept = await store.archive();
    const reason = error.message.split('\n')[0] ?? 'Failed to load state';
    events({
      type: 'warning',
      message: `${reason}. Starting fresh; the unreadable state is kept as ${kept ?? 'a backup'}`,
    });
    return backup;
  }
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
  const secrets = Object.values(config.providers).map((p) => p.api_key);
  const keys = secrets.filter((s): s is string => !!s);
  const redact = opts.redact ?? runRedactor(config, opts.env);
  const maxWaitSeconds = opts.maxWaitSeconds ?? config.rate_limit_max_wait;
  const providers = await buildProviders(opts, maxWaitSeconds, redact);
  // Git gets the hooks' environment too: what it might start (a hook despite all) sees no key.
  const git = new Git(config.repoRoot, hookEnvironment(opts.env, {}, keys));
  const isRepo = await git.isRepo();
  if (!isRepo && opts.run.autoApply)
    throw new UsageError('--auto-apply needs a git repository; run `git init` first.');
  // Chosen (and bubblewrap probed) once per run; the exposure without one is said once too.
  const { sandbox, warning } = await chooseSandbox(config.sandbox, { env: opts.env });
  if (warning !== undefined) events({ type: 'warning', message: warning });
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
      secrets: keys,
      redact,
      clock,
      sandbox,
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
    // The run's own directory: two task files sharing a state directory never share logs/<task-id>/.
    logs: new TaskLogs(opts.store.runDir ?? config.stateDir, redact, () => clock.now()),
    git: isRepo ? git : null,
    estimateTokens: (request, provider) => estimateRequestTokens(request, provider.type, request.maxTokens),
    ...(opts.interaction ? { interaction: opts.interaction } : {}),
    options: opts.run,
    ...(opts.onCommitted ? { onCommitted: opts.onCommitted } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

async function buildProviders(
  opts: StartRunOptions,
  maxWaitSeconds: number,
  redact: Redactor,
): Promise<Map<string, Provider>> {
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
      return [name, withRedactedRequests(retrying, redact)] as const;
    }),
  );
  return new Map(entries);
}
