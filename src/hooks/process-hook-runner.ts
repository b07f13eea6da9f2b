import { resolve } from 'node:path';
import type { HookConfig } from '../config/types.js';
import type { Clock } from '../engine/ports.js';
import type { Redactor } from '../util/redact.js';
import { BoundedOutput } from './bounded-output.js';
import { describeHookFailure } from './describe-hook-failure.js';
import { hookEnvironment } from './hook-env.js';
import { HookLog } from './hook-log.js';
import { failureOf, isRetryable, noteFor, workingDirProblem } from './hook-outcome.js';
import { type HookProcessOutcome, runHookProcess } from './hook-process.js';
import type { ProcessTreeOptions } from './process-tree.js';
import type { LogCap } from '../util/capped-log.js';
import type { Sandbox } from './sandbox.js';
import type { HookResult, HookRunContext, HookRunner } from './types.js';

export interface ProcessHookRunnerOptions {
  /** Repository root: hooks run there unless they set a `working_dir` (see docs/hooks.md). */
  repoRoot: string;
  /** The runner's environment; hooks get it without keys, tokens and secrets (see `hookEnvironment`). */
  env: Record<string, string | undefined>;
  /** Values no hook may see in any variable (the configured API keys, tokens). */
  secrets: string[];
  /** Masks secrets in the hook logs (see docs/security.md); none when absent. */
  redact?: Redactor | undefined;
  /** Times runs and waits `retry_delay` between them. */
  clock: Clock;
  /** Tuning of the process-tree killer (tests shorten the grace period). */
  tree?: Partial<ProcessTreeOptions> | undefined;
  /** Where hook processes run (see `chooseSandbox`). */
  sandbox: Sandbox;
  /** Size cap of each hook log (tests make it small). */
  logCap?: LogCap | undefined;
}

interface RunRecord {
  outcome: HookProcessOutcome;
  output: string;
}

type OutputSink = (chunk: string, source: 'stdout' | 'stderr') => void;

/**
 * Runs hooks as real processes (`/bin/sh -c`, in the sandbox), each in its own process group, in the
 * repository root or their `working_dir`, killing the whole tree on timeout or interruption.
 * `durationMs` covers every run and the waits between them; exit code, output and failure are those
 * of the last run.
 */
export class ProcessHookRunner implements HookRunner {
  constructor(private readonly options: ProcessHookRunnerOptions) {}

  async run(hook: HookConfig, ctx: HookRunContext): Promise<HookResult> {
    const started = this.options.clock.now();
    // The task's `path` scopes the prompt and the agent, not hooks: the guide's monorepo hooks
    // `cd services/backend && ...` from the repository root.
    const cwd = resolve(this.options.repoRoot, hook.working_dir ?? '.');
    let runs = 1;
    let last = await this.runOnce(hook, ctx, cwd, runs);
    while (isRetryable(last.outcome) && runs <= hook.retry_count) {
      if (!(await this.waitBeforeRetry(hook, ctx, last, runs + 1))) break;
      runs += 1;
      last = await this.runOnce(hook, ctx, cwd, runs);
    }
    return toResult(hook, last, runs, this.options.clock.now() - started);
  }

  private async runOnce(hook: HookConfig, ctx: HookRunContext, cwd: string, run: number): Promise<RunRecord> {
    const started = this.options.clock.now();
    const output = new BoundedOutput();
    const log = openLog(hook, ctx, output, this.options.logCap, this.options.redact);
    const header = { time: new Date(started), hook: hook.name, command: hook.command, cwd };
    log?.header({ ...header, description: hook.description, run, maxRuns: hook.retry_count + 1 });
    const outcome = await this.execute(hook, ctx, cwd, (chunk, source) => {
      if (hook.capture_output) output.write(chunk, source);
      log?.write(chunk);
      if (!hook.quiet) ctx.onOutput?.(chunk);
    });
    const note = noteFor(outcome, hook);
    if (note !== undefined) {
      output.flush();
      output.write(`${note}\n`, 'taskmaster');
      log?.write(`${note}\n`);
    }
    log?.footer({
      outcome,
      timeoutSeconds: hook.timeout,
      durationMs: this.options.clock.now() - started,
      runs: run,
    });
    log?.close();
    if (log?.writeError) {
      warn(ctx, output, `could not finish the hook log ${ctx.logFile}: ${log.writeError.message}`);
    }
    const kept = hook.capture_output || outcome.kind === 'not-started' ? output.text() : '';
    return { outcome, output: kept };
  }

  private async execute(
    hook: HookConfig,
    ctx: HookRunContext,
    cwd: string,
    onOutput: OutputSink,
  ): Promise<HookProcessOutcome> {
    const problem = workingDirProblem(cwd, hook);
    if (problem !== undefined) return { kind: 'not-started', message: problem };
    if (ctx.signal?.aborted) return { kind: 'interrupted' };
    return runHookProcess({
      command: hook.command,
      cwd,
      env: this.environment(hook),
      timeoutMs: hook.timeout * 1000,
      signal: ctx.signal,
      onOutput,
      tree: this.options.tree,
      sandbox: this.options.sandbox,
    });
  }

  private environment(hook: HookConfig): Record<string, string> {
    // Set last so that scripts can always tell they run under TaskMaster, and as which hook.
    const extra = { ...hook.env, TASKMASTER: '1', TASKMASTER_HOOK: hook.name };
    return hookEnvironment(this.options.env, extra, this.options.secrets);
  }

  /** Waits `retry_delay`; false when the run was interrupted meanwhile. */
  private async waitBeforeRetry(
    hook: HookConfig,
    ctx: HookRunContext,
    last: RunRecord,
    next: number,
  ): Promise<boolean> {
    if (ctx.signal?.aborted) return false;
    if (!hook.quiet) {
      const why = describeHookFailure(toResult(hook, last, next - 1, 0));
      ctx.onOutput?.(
        `[taskmaster] ${why}; running it again in ${hook.retry_delay}s (run ${next} of ${hook.retry_count + 1})\n`,
      );
    }
    try {
      await this.options.clock.sleep(hook.retry_delay * 1000, ctx.signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** The hook's log, or `undefined` when logging is off or the file cannot be opened (said in the output). */
function openLog(
  hook: HookConfig,
  ctx: HookRunContext,
  output: BoundedOutput,
  cap: LogCap | undefined,
  redact: Redactor | undefined,
): HookLog | undefined {
  if (!hook.log_output || ctx.logFile === undefined) return undefined;
  try {
    return HookLog.open(ctx.logFile, cap, redact);
  } catch (error) {
    warn(ctx, output, `cannot write the hook log ${ctx.logFile}: ${(error as Error).message}`);
    return undefined;
  }
}

/** A problem of TaskMaster's own (not the hook's): shown even for quiet hooks, and kept in the output. */
function warn(ctx: HookRunContext, output: BoundedOutput, message: string): void {
  const line = `[taskmaster] ${message}\n`;
  output.flush();
  output.write(line, 'taskmaster');
  ctx.onOutput?.(line);
}

function toResult(hook: HookConfig, last: RunRecord, runs: number, durationMs: number): HookResult {
  const failure = failureOf(last.outcome, hook);
  return {
    hook: hook.name,
    command: hook.command,
    passed: failure === undefined,
    exitCode: last.outcome.kind === 'exited' ? last.outcome.exitCode : null,
    timedOut: last.outcome.kind === 'timed-out',
    durationMs,
    runs,
    stopOnFailure: hook.stop_on_failure,
    output: last.output,
    ...(failure === undefined ? {} : { failure }),
  };
}
