import type { HookPhase, HookResult } from '../hooks/types.js';
import type { Usage } from '../providers/provider.js';

/**
 * What the engine tells its door as a run goes. The CLI renders these as live progress on a terminal
 * (or plain lines elsewhere); the Action renders them as log lines and groups.
 */
export type RunEvent =
  | { type: 'run-start'; totalTasks: number; resumedAt: number | null }
  | { type: 'task-start'; taskId: string; title: string; index: number; total: number }
  | { type: 'attempt-start'; taskId: string; attempt: number; maxAttempts: number }
  | { type: 'hook-start'; taskId: string; phase: HookPhase; hook: string; description?: string }
  | { type: 'hook-output'; taskId: string; hook: string; chunk: string }
  | { type: 'hook-end'; taskId: string; phase: HookPhase; result: HookResult }
  | { type: 'model-call'; taskId: string; provider: string; turn: number }
  | { type: 'model-response'; taskId: string; provider: string; usage: Usage; text: string }
  | { type: 'tool-call'; taskId: string; tool: string; summary: string; isError: boolean }
  | { type: 'attempt-end'; taskId: string; attempt: number; passed: boolean; error?: string }
  | { type: 'non-progress'; taskId: string; count: number; max: number }
  | { type: 'task-end'; taskId: string; outcome: 'completed' | 'skipped' | 'given-up' }
  | { type: 'wait'; reason: string; until: Date }
  | {
      type: 'warning';
      message: string;
      /** A follow-on line of the warning before it (`Attempt 2/5: Waiting 4 seconds...`): no ⚠ of its own. */
      continued?: boolean;
    }
  | { type: 'info'; message: string };

export type EventSink = (event: RunEvent) => void;
