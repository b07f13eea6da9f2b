import type { HookConfig } from '../config/types.js';

export type HookPhase = 'pre' | 'post' | 'check';

export interface HookRunContext {
  phase: HookPhase;
  /** Absolute file the output is appended to when `log_output` is on (`logs/<task>/pre.log`, `post.log`). */
  logFile?: string;
  /** Receives output as it arrives when the hook is not `quiet` (the door decides where it goes). */
  onOutput?: (chunk: string) => void;
  signal?: AbortSignal;
}

export interface HookResult {
  hook: string;
  command: string;
  passed: boolean;
  /** `null` when the process was killed (timeout, signal). */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Runs made, including `retry_count` re-runs. */
  runs: number;
  stopOnFailure: boolean;
  /**
   * Combined stdout+stderr of the last run when `capture_output` is on, bounded: head and tail kept,
   * with a `[... N lines cut ...]` marker between them. Empty when capture is off.
   */
  output: string;
  /** Why the hook did not pass; absent when it passed (and on results made before this field existed). */
  failure?: HookFailure;
}

/** Why a hook did not pass, for messages such as `test hook timed out after 300s`. */
export type HookFailure =
  | {
      kind: 'exit';
      /** Non-zero exit code of the last run. */
      exitCode: number;
    }
  | {
      kind: 'signal';
      /** Signal that ended the process, e.g. `SIGSEGV`. */
      signal: string;
    }
  | {
      kind: 'timeout';
      /** The hook's `timeout`, in seconds. */
      timeoutSeconds: number;
    }
  | { kind: 'interrupted' }
  | {
      kind: 'not-started';
      /** What kept it from starting (a missing working directory...) and how to fix it. */
      message: string;
    };

export interface HookRunner {
  run(hook: HookConfig, ctx: HookRunContext): Promise<HookResult>;
}
