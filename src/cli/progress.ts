/**
 * Live progress of a run on the console, from the engine's `RunEvent`s: task headers, attempts, hooks
 * with their streamed output, tool calls, waits and warnings. `--quiet` drops the progress chatter and
 * keeps task results, failed attempts, non-blocking hook failures, warnings and waits (so a CI log
 * never looks hung and never hides a failing hook); `--verbose` adds model calls.
 */
import type { RunEvent } from '../engine/events.js';
import { describeExitCode } from '../hooks/describe-hook-failure.js';
import type { HookResult } from '../hooks/types.js';
import type { Redactor } from '../util/redact.js';
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
  /** `--quiet`: task results, failures, warnings (a non-blocking hook's failure too) and waits only. */
  quiet: boolean;
  /** `--verbose`: model calls and responses too. */
  verbose: boolean;
  /** Timers for the live countdown; real ones by default. */
  timers?: CountdownTimers;
  /** The run's redactor: streamed hook output is masked even where a secret is cut between chunks. */
  redact?: Redactor;
}

export interface ProgressRenderer {
  /** Renders one event; safe to pass around unbound. */
  onEvent(event: RunEvent): void;
  /** A task's commit (`--auto-apply`): a result, so `--quiet` shows it too. */
  committed(commit: string, subject: string): void;
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
  const view = new ProgressView(new TerminalWriter(out, opts.redact), opts);
  return {
    onEvent: (event) => view.render(event),
    committed: (commit, subject) => view.committed(commit, subject),
    close: () => view.close(),
  };
}

class ProgressView {
  private readonly paint: Palette;
  private readonly countdown: Countdown;
  private readonly tasks = new Map<string, TaskInfo>();
  /** A `run_checks` call whose hooks are running: its line was printed when the first one started. */
  private checksShown = false;

  constructor(
    private readonly writer: TerminalWriter,
    private readonly opts: ProgressOptions,
  ) {
    this.paint = createPalette(opts.color);
    this.countdown = new Countdown(writer, opts.timers ?? realTimers, this.paint.yellow);
  }

  render(event: RunEvent): void {
    if (event.type !== 'hook-output') this.countdown.stop();
    const { paint } = this;
    switch (event.type) {
      case 'run-start':
        return this.detail(runStartLine(event.totalTasks, event.resumedAt));
      case 'task-start':
        return this.taskStart(
          event.taskId,
          `[${event.index + 1}/${event.total}] ${event.taskId}: ${event.title}`,
        );
      case 'attempt-start':
        return this.attemptStart(event.taskId, event.attempt, event.maxAttempts);
      case 'hook-start':
        if (event.phase === 'check') this.checksStart();
        return this.detail(
          `  ▸ ${PHASE_LABEL[event.phase]} ${event.hook}${event.description ? `: ${event.description}` : ''}`,
        );
      case 'hook-output':
        return this.opts.quiet ? undefined : this.writer.stream(event.chunk, paint.dim(HOOK_OUTPUT_PREFIX));
      case 'hook-end':
        return this.hookEnd(event.taskId, event.result);
      case 'model-call':
        return this.verbose(`  · ${event.provider}: model call, turn ${event.turn}`);
      case 'model-response':
        return this.verbose(modelResponseLine(event.provider, event.usage, event.text));
      case 'tool-call':
        if (this.checksEnd(event.tool, event.isError)) return;
        return this.detail(
          event.isError ? paint.red(`    ✗ ${event.summary}`) : paint.dim(`    ⚙ ${event.summary}`),
        );
      case 'attempt-end':
        return this.attemptEnd(event.taskId, event.attempt, event.passed, event.error);
      case 'non-progress':
        return this.writer.line(`\n${paint.yellow(renderNonProgress(event.count, event.max))}\n`);
      case 'task-end':
        return this.taskEnd(event.taskId, event.outcome);
      case 'wait':
        return this.countdown.start(event.reason, event.until);
      case 'warning':
        return this.writer.line(paint.yellow(event.continued ? event.message : `⚠ ${event.message}`));
      case 'info':
        return this.detail(event.message);
    }
  }

  committed(commit: string, subject: string): void {
    this.countdown.stop();
    this.writer.line(this.paint.green(`  ✓ Committed ${commit.slice(0, 12)} ${subject}`));
  }

  close(): void {
    this.countdown.stop();
    this.writer.settle();
  }

  /** A line that `--quiet` leaves out. */
  private detail(text: string): void {
    if (!this.opts.quiet) this.writer.line(text);
  }

  /** A line only `--verbose` shows. */
  private verbose(text: string): void {
    if (this.opts.verbose) this.detail(this.paint.dim(text));
  }

  /**
   * A hook that fails without blocking is a warning: `--quiet` shows it too, naming its task. (A
   * blocking failure is the attempt's error, which the failed-attempt line reports.)
   */
  private hookEnd(taskId: string, result: HookResult): void {
    if (!this.opts.quiet) return this.writer.line(hookEndLine(result, this.paint, '  '));
    if (!result.passed && !result.stopOnFailure)
      this.writer.line(hookEndLine(result, this.paint, '', `${taskId} `));
  }

  /**
   * The engine reports a tool call once it has run, but `run_checks` runs hooks: its line goes first,
   * above the hooks it runs, as a person reads it.
   */
  private checksStart(): void {
    if (this.checksShown) return;
    this.checksShown = true;
    this.detail(this.paint.dim('    ⚙ run_checks'));
  }

  /** True when the `run_checks` call's line was already printed (and it did not fail as a call). */
  private checksEnd(tool: string, isError: boolean): boolean {
    if (tool !== 'run_checks' || !this.checksShown) return false;
    this.checksShown = false;
    return !isError;
  }

  private taskStart(taskId: string, label: string): void {
    this.tasks.set(taskId, { label, attempts: 0 });
    this.detail('');
    this.detail(this.paint.bold(label));
  }

  private attemptStart(taskId: string, attempt: number, maxAttempts: number): void {
    const info = this.tasks.get(taskId);
    if (info) info.attempts = attempt;
    this.detail(`  Attempt ${attempt}/${maxAttempts}`);
  }

  private attemptEnd(taskId: string, attempt: number, passed: boolean, error?: string): void {
    if (passed) return this.detail(this.paint.green(`  ✓ Attempt ${attempt} passed`));
    const why = error ? `: ${firstLine(error, 200)}` : '';
    // Quiet output has no task header above it, so the line names its task.
    const text = this.opts.quiet
      ? `✗ ${taskId} attempt ${attempt} failed${why}`
      : `  ✗ Attempt ${attempt} failed${why}`;
    this.writer.line(this.paint.red(text));
  }

  private taskEnd(taskId: string, outcome: TaskOutcome): void {
    const info = this.tasks.get(taskId);
    this.writer.line(taskEndLine(info?.label ?? taskId, outcome, info?.attempts ?? 0, this.paint));
  }
}

type TaskOutcome = 'completed' | 'skipped' | 'given-up';

function runStartLine(total: number, resumedAt: number | null): string {
  return resumedAt === null
    ? `Running ${plural(total, 'task')}`
    : `Resuming at task ${resumedAt + 1} of ${total}`;
}

function hookEndLine(result: HookResult, paint: Palette, indent: string, task = ''): string {
  const took = seconds(result.durationMs);
  const runs = result.runs > 1 ? `, ${result.runs} runs` : '';
  if (result.passed) return paint.green(`${indent}✓ ${task}${result.hook} passed (${took}${runs})`);
  const why =
    result.failure?.kind === 'not-started'
      ? `not run: ${result.failure.message}`
      : result.timedOut
        ? 'timed out'
        : result.exitCode === null
          ? 'was killed'
          : describeExitCode(result.exitCode, result);
  const line = `${indent}${result.stopOnFailure ? '✗' : '⚠'} ${task}${result.hook} failed (${why}, ${took}${runs})`;
  return result.stopOnFailure
    ? paint.red(line)
    : paint.yellow(`${line}; not blocking: stop_on_failure is false`);
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
