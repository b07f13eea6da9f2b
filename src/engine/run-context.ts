import type { ResolvedConfig, TaskConfig } from '../config/types.js';
import type { HookRunner } from '../hooks/types.js';
import type { CallGuard } from '../limits/call-guard.js';
import type { PromptBuilder } from '../prompts/types.js';
import type { ModelRequest, Provider } from '../providers/provider.js';
import type { Intervention, RunState } from '../state/run-state.js';
import type { StateStore } from '../state/state-store.js';
import type { EventSink } from './events.js';
import type { Git } from './git.js';
import type { Clock } from './ports.js';
import type { TaskLogs } from './task-logs.js';
import type { TaskWrites } from './task-writes.js';

export interface RunOptions {
  /** Stop at the first failed attempt (exit 1). */
  stopOnFirstFailure: boolean;
  /** Commit each completed task (one commit per task, state dir excluded). */
  autoApply: boolean;
  /** Write every prompt to `logs/<task-id>/prompt.txt`. */
  verbose: boolean;
}

/** What the engine asks a person when one is at the terminal. Absent without a terminal. */
export interface Interaction {
  askIntervention(info: InterventionInfo): Promise<Intervention>;
}

export interface InterventionInfo {
  task: TaskConfig;
  attempts: number;
  maxAttempts: number;
  lastError: string;
  recentFailures: string[];
  reason: string;
}

/** Everything the engine works with, passed in by a door (CLI or Action). */
export interface EngineDeps {
  config: ResolvedConfig;
  store: StateStore;
  hooks: HookRunner;
  /** The provider for a `provider_configs` name, already wrapped with API retries. */
  provider: (name: string) => Provider;
  /** Rate limits and budgets, bound to the state the engine mutates. */
  guard: CallGuard;
  prompts: PromptBuilder;
  clock: Clock;
  events: EventSink;
  logs: TaskLogs;
  git: Git | null;
  estimateTokens: (request: ModelRequest, provider: Provider) => number;
  interaction?: Interaction;
  /**
   * Called after a task's commit and before state records the task as completed (the Action pushes here,
   * so that code and state agree: state never claims a commit the branch does not have).
   */
  onCommitted?: (task: TaskConfig, commit: string) => Promise<void>;
  options: RunOptions;
  signal?: AbortSignal;
}

/** The engine's working set: its deps plus the live state it mutates and saves. */
export interface RunContext extends EngineDeps {
  state: RunState;
  /** What the agent wrote per task, for the task's auto-applied commit. */
  writes: TaskWrites;
  /** Saves `state` with a fresh `updated_at`. Every state change is saved before the next step starts. */
  save(): Promise<void>;
}
