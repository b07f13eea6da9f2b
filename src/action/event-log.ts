/**
 * The engine's events as job log lines: one collapsible group per task, plain lines inside it, warnings
 * as warnings. No terminal tricks (no countdown, no cursor moves): a CI log is read after the fact.
 */
import type { RunEvent } from '../engine/events.js';
import type { HookResult } from '../hooks/types.js';
import { formatCount, formatUtc } from '../limits/time-format.js';

/** The parts of `@actions/core` the log uses. */
export interface GroupedLog {
  /** A log line. */
  info(message: string): void;
  /** A warning (also an annotation). */
  warning(message: string): void;
  /** Opens a collapsible group. */
  startGroup(name: string): void;
  /** Closes it. */
  endGroup(): void;
}

/** Renders events; `close` ends an open group (call it when the run ends, however it ends). */
export interface EventLog {
  /** Renders one event; safe to pass around unbound. */
  onEvent(event: RunEvent): void;
  /** Ends an open group; safe to call twice. */
  close(): void;
}

const PHASES = { pre: 'pre-hook', post: 'post-hook', check: 'check' } as const;

export function createEventLog(out: GroupedLog): EventLog {
  let open = false;
  let pending = '';
  const flushOutput = (): void => {
    if (pending !== '') out.info(`    │ ${pending}`);
    pending = '';
  };
  const endGroup = (): void => {
    flushOutput();
    if (open) out.endGroup();
    open = false;
  };
  const hookOutput = (chunk: string): void => {
    const lines = (pending + chunk).split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) out.info(`    │ ${line}`);
  };
  const onEvent = (event: RunEvent): void => {
    if (event.type === 'hook-output') return hookOutput(event.chunk);
    flushOutput();
    if (event.type === 'task-start') {
      endGroup();
      out.startGroup(`Task ${event.index + 1}/${event.total}: ${event.taskId} — ${event.title}`);
      open = true;
      return;
    }
    if (event.type === 'warning') return out.warning(event.message);
    const line = describeEvent(event);
    if (line !== null) out.info(line);
    if (event.type === 'task-end') endGroup();
  };
  return { onEvent, close: endGroup };
}

/** One log line for an event; null for events that add nothing to a CI log. */
export function describeEvent(event: RunEvent): string | null {
  switch (event.type) {
    case 'run-start':
      return event.resumedAt === null
        ? `Running ${event.totalTasks} task(s)`
        : `Resuming at task ${event.resumedAt + 1} of ${event.totalTasks}`;
    case 'attempt-start':
      return `Attempt ${event.attempt}/${event.maxAttempts}`;
    case 'hook-start':
      return `  ${PHASES[event.phase]} ${event.hook}${event.description ? ` (${event.description})` : ''}`;
    case 'hook-end':
      return `  ${PHASES[event.phase]} ${hookResultLine(event.result)}`;
    case 'model-response':
      return `  model: ${formatCount(event.usage.input_tokens)} in / ${formatCount(event.usage.output_tokens)} out tokens`;
    case 'tool-call':
      // The summary names the tool already (`write_file a.txt`).
      return `  ${event.isError ? '✗' : '·'} ${event.summary || event.tool}`;
    case 'attempt-end':
      return event.passed
        ? `Attempt ${event.attempt} passed`
        : `Attempt ${event.attempt} failed: ${event.error ?? 'unknown error'}`;
    case 'non-progress':
      return `⚠ Non-progress: the agent changed nothing and the hooks still fail (${event.count}/${event.max})`;
    case 'task-end':
      return `Task ${event.taskId}: ${event.outcome}`;
    case 'wait':
      return `⏳ Waiting until ${formatUtc(event.until)}: ${event.reason}`;
    case 'info':
      return event.message;
    case 'model-call':
    case 'task-start':
    case 'hook-output':
    case 'warning':
      return null;
  }
}

function hookResultLine(result: HookResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.passed) return `${result.hook} passed (${seconds}s)`;
  const why = result.timedOut ? 'timed out' : `exit code ${result.exitCode ?? 'none'}`;
  return `${result.hook} failed: ${why} (${seconds}s)${result.stopOnFailure ? '' : ' — not blocking'}`;
}
