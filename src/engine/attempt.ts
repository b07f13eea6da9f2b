import { runAgentAttempt } from '../agent/agent-loop.js';
import { FileToolExecutor } from '../agent/file-tools.js';
import { judgePaths } from '../agent/judge-paths.js';
import { TOOL_SPECS } from '../agent/tool-specs.js';
import type { HookConfig, TaskConfig } from '../config/types.js';
import { describeHookFailure } from '../hooks/hook-list.js';
import type { HookPhase, HookResult } from '../hooks/types.js';
import { formatErrorOutput } from '../prompts/error-output.js';
import type { NormalizeOptions } from '../prompts/output-normalizer.js';
import { analyzeHook } from '../prompts/failure-analysis.js';
import type { PreviousAttempt } from '../prompts/types.js';
import { recordUsage } from '../state/state-mutations.js';
import type { RunContext } from './run-context.js';

/** How one attempt ended (§6). Only post-hooks decide `passed`; the model's own claim never counts. */
export type AttemptOutcome =
  | { kind: 'passed'; summary: string; unverified: boolean }
  | {
      kind: 'hook-failed';
      phase: 'pre' | 'post';
      failed: HookResult[];
      summary: string;
      /** The working tree was unchanged by the agent while the hooks still fail. */
      noProgress: boolean;
    };

export async function runAttempt(
  ctx: RunContext,
  task: TaskConfig,
  attempt: number,
  previous: PreviousAttempt | undefined,
): Promise<AttemptOutcome> {
  const pre = await runPhase(ctx, task, 'pre', task.pre_hooks);
  const preFailed = failing(pre);
  if (preFailed.length > 0)
    return { kind: 'hook-failed', phase: 'pre', failed: preFailed, summary: '', noProgress: false };

  const before = await snapshot(ctx);
  const summary = await runAgent(ctx, task, attempt, previous);
  const after = await snapshot(ctx);

  const post = await runPhase(ctx, task, 'post', task.post_hooks);
  const postFailed = failing(post);
  if (postFailed.length === 0) return { kind: 'passed', summary, unverified: task.post_hooks.length === 0 };
  const noProgress = ctx.config.detect_non_progress && before !== null && before === after;
  return { kind: 'hook-failed', phase: 'post', failed: postFailed, summary, noProgress };
}

/** The short line kept in state for a failed attempt (`last_errors`). */
export function describeFailure(outcome: Extract<AttemptOutcome, { kind: 'hook-failed' }>): string {
  const first = outcome.failed[0];
  return first ? describeHookFailure(first) : `${outcome.phase}-hooks failed`;
}

/** What failed, as the failing tool's output says it: the "Recent failures" line of the intervention prompt. */
export function describeFailureDetail(
  outcome: Extract<AttemptOutcome, { kind: 'hook-failed' }>,
  normalize: NormalizeOptions = {},
): string {
  const first = outcome.failed[0];
  if (!first) return describeFailure(outcome);
  // Normalised as the retry prompt shows it: paths relative to the repository, not absolute.
  const reason = analyzeHook(first, normalize).reason.split('\n')[0] ?? '';
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

function failing(results: HookResult[]): HookResult[] {
  return results.filter((r) => !r.passed && r.stopOnFailure);
}

function hookConfigs(ctx: RunContext, names: string[]): HookConfig[] {
  return names.map((name) => {
    const hook = ctx.config.hooks[name];
    if (!hook) throw new Error(`hook "${name}" is not defined (validation should have caught this)`);
    return hook;
  });
}

export async function runPhase(
  ctx: RunContext,
  task: TaskConfig,
  phase: HookPhase,
  names: string[],
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  for (const hook of hookConfigs(ctx, names)) {
    const description = hook.description ? { description: hook.description } : {};
    ctx.events({ type: 'hook-start', taskId: task.id, phase, hook: hook.name, ...description });
    const result = await ctx.hooks.run(hook, {
      phase,
      logFile: ctx.logs.file(task.id, phase === 'pre' ? 'pre.log' : 'post.log'),
      onOutput: (chunk) => ctx.events({ type: 'hook-output', taskId: task.id, hook: hook.name, chunk }),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    ctx.events({ type: 'hook-end', taskId: task.id, phase, result });
    results.push(result);
    // A failing stop_on_failure hook decides the phase; later hooks would only add noise to the retry prompt.
    if (!result.passed && result.stopOnFailure) break;
    if (ctx.signal?.aborted) break;
  }
  return results;
}

async function snapshot(ctx: RunContext): Promise<string | null> {
  if (!ctx.git || !ctx.config.detect_non_progress) return null;
  return ctx.git.snapshot(ctx.config.stateDir);
}

async function runAgent(
  ctx: RunContext,
  task: TaskConfig,
  attempt: number,
  previous: PreviousAttempt | undefined,
): Promise<string> {
  const provider = ctx.provider(task.provider);
  const providerConfig = ctx.config.providers[task.provider];
  const prompt = await ctx.prompts.build({
    config: ctx.config,
    task,
    attempt,
    ...(previous ? { previous } : {}),
  });
  if (ctx.options.verbose) {
    ctx.logs.line(
      task.id,
      'prompt.txt',
      `attempt ${attempt}\n--- system ---\n${prompt.system}\n--- user ---\n${prompt.user}\n`,
    );
  }
  ctx.logs.line(task.id, 'agent.log', `attempt ${attempt} with ${provider.name} (${provider.model})`);
  const executor = new FileToolExecutor({
    repoRoot: ctx.config.repoRoot,
    taskPath: task.path,
    stateDir: ctx.config.stateDir,
    protectedPaths: ctx.config.protected_paths,
    judgePaths: judgePaths(ctx.config),
    runChecks: () => runChecks(ctx, task),
  });
  const result = await runAgentAttempt({
    provider,
    guard: ctx.guard,
    executor,
    tools: TOOL_SPECS,
    system: prompt.system,
    prompt: prompt.user,
    maxTurns: ctx.config.max_turns_per_attempt,
    maxTokens: providerConfig?.max_tokens ?? 8192,
    taskId: task.id,
    attempt,
    estimateTokens: (request) => ctx.estimateTokens(request, provider),
    onUsage: async (usage) => {
      recordUsage(ctx.state, provider.name, task.id, attempt, usage);
      await ctx.save();
    },
    onEvent: ctx.events,
    log: (line) => ctx.logs.append(task.id, 'agent.log', line),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  ctx.writes.add(task.id, result.changedFiles);
  ctx.logs.line(
    task.id,
    'agent.log',
    `attempt ${attempt} ended (${result.ended}) after ${result.turns} turn(s); files written: ${result.changedFiles.join(', ') || 'none'}`,
  );
  return result.summary;
}

/** The `run_checks` tool: the task's post-hooks, now, without counting an attempt. */
async function runChecks(ctx: RunContext, task: TaskConfig): Promise<string> {
  if (task.post_hooks.length === 0) return 'No post-hooks are configured for this task; nothing to check.';
  const results = await runPhase(ctx, task, 'check', task.post_hooks);
  const failed = failing(results);
  if (failed.length === 0) return `PASSED: ${results.map((r) => r.hook).join(', ')}`;
  // The same view of the failure as the retry prompt gives: command, exit code, normalised head and tail.
  const summary = failed.map(describeHookFailure).join('; ');
  return `FAILED: ${summary}\n\n${formatErrorOutput(failed, { repoRoot: ctx.config.repoRoot })}`;
}
