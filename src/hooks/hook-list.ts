import type { HookConfig } from '../config/types.js';
import type { HookResult, HookRunContext, HookRunner } from './types.js';

/**
 * Runs `hooks` in order. A failing `stop_on_failure` hook ends the list (later hooks are not run);
 * a failing `stop_on_failure: false` hook is recorded and the list goes on. An interrupted run
 * starts no further hook.
 */
export async function runHookList(
  runner: HookRunner,
  hooks: readonly HookConfig[],
  ctx: HookRunContext,
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  for (const hook of hooks) {
    if (ctx.signal?.aborted) break;
    const result = await runner.run(hook, ctx);
    results.push(result);
    if (!result.passed && result.stopOnFailure) break;
  }
  return results;
}

// Callers that run hook lists also describe their failures; one import serves both.
export { describeHookFailure } from './describe-hook-failure.js';
