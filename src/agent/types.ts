import type { ToolCall, ToolResult } from '../providers/provider.js';
import type { JudgePath } from './judge-paths.js';

/** What the agent's file tools may touch and how `run_checks` runs. */
export interface ToolContext {
  repoRoot: string;
  /** The task's path, relative to the repo root (`.` for the root): the default of `list_files`. */
  taskPath: string;
  /** Absolute state directory: never readable or writable by the agent. */
  stateDir: string;
  /** Globs (relative to the repo root) the agent may read but never write. */
  protectedPaths: string[];
  /** The configuration, task file and prompt templates in use: readable, never writable (`judgePaths()`). */
  judgePaths: JudgePath[];
  /** How long one `search_files` may take; default `SEARCH_DEADLINE_MS`. */
  searchDeadlineMs?: number;
  /** Runs the task's post-hooks now (not an attempt); returns a pass/fail line and the output tail. */
  runChecks: () => Promise<string>;
}

/** Executes one tool call. Never throws for a bad call: errors come back as `isError` results. */
export interface ToolExecutor {
  execute(call: ToolCall): Promise<ToolResult>;
  /** Repo-relative paths of the files written so far, when the executor keeps track (for agent.log). */
  readonly changedFiles?: string[];
}
