/**
 * Live progress of a run on the console, from the engine's `RunEvent`s: task headers, attempts, hooks
 * with their streamed output, tool calls, waits and warnings. `--quiet` keeps only task results,
 * failed attempts, warnings and waits (so a CI log never looks hung); `--verbose` adds model calls.
 */
import type { RunEvent } from '../engine/events.js';
import type { HookResult } from '../hooks/types.js';
import { createPalette, type Palette } from './color.js';
import { Countdown, realTimers, type CountdownTimers } from './countdown.js';
import { firstLine, formatDuration, formatNumber, plural } from './format.js';
import { renderNonProgress } from './non-progress.js';
import { TerminalWriter, type ProgressOutput } from './terminal-writer.js';

export type { ProgressOutput } from './terminal-writer.js';

/** How much to show, and how. */
export interface ProgressOptions {
  /** Colour the output (decided by `shouldUseColor`). */
  color: boolean;
  /** `--quiet`: task results, failures, warnings and waits only. */
  quiet: boolean;
  /** `--verbose`: model calls and responses too. */
  verbose: boolean;
  /** Timers for the live countdown; real ones by default. */
  timers?: CountdownTimers;
}

export interface ProgressRenderer {
  /** Renders one event; safe to pass around unbound. */
  onEvent(event: RunEvent): void;
  /** Ends any open line and stops the countdown; safe to call twice. */
  close(): void;
}

interface TaskInfo {
  label: string;
  attempts: number;
}

const PHASE_LABEL = { pre: 'pre-hook', post: 'post-hook', check: 'check' } as const;
const HOOK_OUTPUT_PREFIX = '    │ ';

export function createProgressRenderer(out: ProgressOutput, opts: ProgressOptions): ProgressRenderer {
  const writer = new TerminalWriter(out);
  const paint = createPalette(opts.color);
  const countdown = new Countdown(writer, opts.timers ?? realTimers, paint.yellow);
  const tasks = new Map<string, TaskInfo>();
  const show = (text: string): void => writer.line(text);
  const detail = (text: string): void => {
    if (!opts.quiet) writer.line(text);
  };
  const taskLabel = (id: string): string => tasks.get(id)?.label ?? id;

  const onEvent = (event: RunEvent): void => {
    if (event.type !== 'hook-output') countdown.stop();
    switch (event.type) {
      case 'run-start':
        return detail(runStartLine(event.totalTasks, event.resumedAt));
      case 'task-start': {
        const label = `[${event.index + 1}/${event.total}] ${event.taskId}: ${event.title}`;
        tasks.set(event.taskId, { label, attempts: 0 });
        if (!opts.quiet) writer.line();
        return detail(paint.bold(label));
      }
      case 'attempt-start': {
        const info = tasks.get(event.taskId);
        if (info) info.attempts = event.attempt;
        return detail(`  Attempt ${event.attempt}/${event.maxAttempts}`);
      }
      case 'hook-start':
        return detail(
          `  ▸ ${PHASE_LABEL[event.phase]} ${event.hook}${event.description ? `: ${event.description}` : ''}`,
        );
      case 'hook-output':
        if (!opts.quiet) writer.stream(event.chunk, paint.dim(HOOK_OUTPUT_PREFIX));
        return;
      case 'hook-end':
        return detail(hookEndLine(event.result, paint));
      case 'model-call':
        return opts.verbose
          ? detail(paint.dim(`  · ${event.provider}: model call, turn ${event.turn}`))
          : undefined;
      case 'model-response':
        return opts.verbose
          ? detail(paint.dim(modelResponseLine(event.provider, event.usage, event.text)))
          : undefined;
      case 'tool-call':
        return detail(
          event.isError ? paint.red(`    ✗ ${event.summary}`) : paint.dim(`    ⚙ ${event.summary}`),
        );
      case 'attempt-end':
        return attemptEnd(event.taskId, event.attempt, event.passed, event.error);
      case 'non-progress':
        writer.line();
        show(paint.yellow(renderNonProgress(event.count, event.max)));
        return writer.line();
      case 'task-end':
        return show(
          taskEndLine(taskLabel(event.taskId), event.outcome, tasks.get(event.taskId)?.attempts ?? 0, paint),
        );
      case 'wait':
        return countdown.start(event.reason, event.until);
      case 'warning':
        return show(paint.yellow(`⚠ ${event.message}`));
      case 'info':
        return detail(event.message);
    }
  };

  const attemptEnd = (taskId: string, attempt: number, passed: boolean, error?: string): void => {
    if (passed) return detail(paint.green(`  ✓ Attempt ${attempt} passed`));
    const why = error ? `: ${firstLine(error, 200)}` : '';
    // Quiet output has no task header above it, so the line names its task.
    show(
      paint.red(
        opts.quiet ? `✗ ${taskId} attempt ${attempt} failed${why}` : `  ✗ Attempt ${attempt} failed${why}`,
      ),
    );
  };

  return {
    onEvent,
    close: () => {
      countdown.stop();
      writer.settle();
    },
  };
}

function runStartLine(total: number, resumedAt: number | null): string {
  return resumedAt === null
    ? `Running ${plural(total, 'task')}`
    : `Resuming at task ${resumedAt + 1} of ${total}`;
}

function hookEndLine(result: HookResult, paint: Palette): string {
  const took = seconds(result.durationMs);
  const runs = result.runs > 1 ? `, ${result.runs} runs` : '';
  if (result.passed) return paint.green(`  ✓ ${result.hook} passed (${took}${runs})`);
  const why = result.timedOut
    ? 'timed out'
    : result.exitCode === null
      ? 'was killed'
      : `exit code ${result.exitCode}`;
  if (!result.stopOnFailure) {
    return paint.yellow(
      `  ⚠ ${result.hook} failed (${why}, ${took}${runs}); not blocking: stop_on_failure is false`,
    );
  }
  return paint.red(`  ✗ ${result.hook} failed (${why}, ${took}${runs})`);
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatDuration(ms);
}

function modelResponseLine(
  provider: string,
  usage: { input_tokens: number; output_tokens: number },
  text: string,
): string {
  const tokens = `${formatNumber(usage.input_tokens)} in, ${formatNumber(usage.output_tokens)} out`;
  const said = firstLine(text, 100);
  return `  · ${provider}: response (${tokens})${said ? `: ${said}` : ''}`;
}

function taskEndLine(
  label: string,
  outcome: 'completed' | 'skipped' | 'given-up',
  attempts: number,
  paint: Palette,
): string {
  const after = attempts > 0 ? ` after ${plural(attempts, 'attempt')}` : '';
  switch (outcome) {
    case 'completed':
      return paint.green(`✓ ${label} — completed${attempts > 0 ? ` (${plural(attempts, 'attempt')})` : ''}`);
    case 'skipped':
      return paint.yellow(`↷ ${label} — skipped`);
    case 'given-up':
      return paint.red(`✗ ${label} — given up${after}`);
  }
}
