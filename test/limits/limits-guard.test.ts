import { describe, expect, it } from 'vitest';
import type { RateLimits } from '../../src/config/types.js';
import { FakeClock } from '../../src/engine/ports.js';
import { RunPaused } from '../../src/errors.js';
import { createCallGuard, type CallGuardOptions } from '../../src/limits/limits-guard.js';
import { rollWindows } from '../../src/limits/windows.js';
import type { Usage } from '../../src/providers/provider.js';
import { initialState, type RunState } from '../../src/state/run-state.js';
import { config, provider } from './config-fixture.js';

const usage = (input: number, output = 0): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
});

function setup(
  rateLimits: RateLimits,
  extra: Partial<CallGuardOptions> = {},
  start = '2025-11-16T10:15:45Z',
) {
  const clock = new FakeClock(new Date(start));
  const state = initialState('tasks.yml', [{ id: 'task-1', title: 'One' }], new Date(clock.now()));
  const waits: Array<{ reason: string; until: Date }> = [];
  const warnings: string[] = [];
  const guard = createCallGuard({
    state,
    config: config({ providers: { claude: provider({ rate_limits: rateLimits }) } }),
    clock,
    ignoreRateLimits: false,
    maxWaitSeconds: 90,
    onWait: (e) => waits.push(e),
    onWarning: (m) => warnings.push(m),
    ...extra,
  });
  return { clock, state, guard, waits, warnings };
}

function withUsage(
  state: RunState,
  clock: FakeClock,
  counts: Partial<RunState['rate_limit_usage'][string]>,
): void {
  state.rate_limit_usage.claude = { ...rollWindows(undefined, new Date(clock.now())), ...counts };
}

const call = (tokens: number, taskId = 'task-1') => ({ provider: 'claude', taskId, tokens });

async function pauseOf(promise: Promise<unknown>): Promise<RunPaused> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunPaused);
  return error as RunPaused;
}

describe('rate limits', () => {
  it('records each call in every window', async () => {
    const { guard, state } = setup({ max_requests_minute: 10 });
    await guard.beforeCall(call(2_000));
    expect(state.rate_limit_usage.claude).toMatchObject({
      requests_minute: 1,
      tokens_hour: 2_000,
      tokens_day: 2_000,
    });
  });

  it('waits in-process for a short reset, then lets the call go', async () => {
    const { guard, state, clock, waits } = setup({ max_requests_minute: 10 });
    withUsage(state, clock, { requests_minute: 10 });
    await guard.beforeCall(call(1_000));
    expect(clock.sleeps).toEqual([15_000]);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.until).toEqual(new Date('2025-11-16T10:16:00Z'));
    expect(waits[0]?.reason).toBe('claude: Requests this minute 10/10');
    expect(state.rate_limit_usage.claude).toMatchObject({
      requests_minute: 1,
      window_start_minute: '2025-11-16T10:16:00Z',
    });
  });

  it("pauses with the guide's message when the reset is further away than the allowed wait", async () => {
    const { guard, state, clock, waits } = setup({ max_requests_minute: 10, max_tokens_hour: 100_000 });
    withUsage(state, clock, { requests_minute: 3, tokens_hour: 100_000 });
    const paused = await pauseOf(guard.beforeCall(call(500)));
    expect(paused.reason).toBe('rate-limit');
    expect(paused.until).toEqual(new Date('2025-11-16T11:00:00Z'));
    expect(paused.details).toBe(
      [
        '⚠ Rate limit reached!',
        '',
        'Current usage:',
        '  - Requests this minute: 3/10',
        '  - Tokens this hour: 100,000/100,000',
        '',
        'Next reset: 2025-11-16 11:00:00 UTC (in 45 minutes)',
        '',
        'Safe to resume after reset. Run:',
        '  taskmaster resume',
      ].join('\n'),
    );
    expect(clock.sleeps).toEqual([]);
    expect(waits).toEqual([]);
    expect(state.rate_limit_usage.claude?.requests_minute).toBe(3);
  });

  it('never waits in-process when the allowed wait is 0', async () => {
    const { guard, state, clock } = setup({ max_requests_minute: 10 }, { maxWaitSeconds: 0 });
    withUsage(state, clock, { requests_minute: 10 });
    const paused = await pauseOf(guard.beforeCall(call(1)));
    expect(paused.until).toEqual(new Date('2025-11-16T10:16:00Z'));
    expect(clock.sleeps).toEqual([]);
  });

  it('pauses at once, saying how to fix it, when one call is larger than a token limit', async () => {
    const { guard, clock } = setup({ max_tokens_minute: 4_000 });
    const paused = await pauseOf(guard.beforeCall(call(9_000)));
    expect(paused.reason).toBe('rate-limit');
    expect(paused.details).toContain('can never be met');
    expect(paused.details).toContain('provider_configs.claude.rate_limits.max_tokens_minute is 4,000');
    expect(clock.sleeps).toEqual([]);
  });

  it('skips the checks with --ignore-config-limits, warning once, and still counts usage', async () => {
    const { guard, state, clock, warnings } = setup({ max_requests_minute: 10 }, { ignoreRateLimits: true });
    withUsage(state, clock, { requests_minute: 10 });
    await guard.beforeCall(call(1_000));
    await guard.beforeCall(call(1_000));
    expect(clock.sleeps).toEqual([]);
    expect(state.rate_limit_usage.claude?.requests_minute).toBe(12);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('--ignore-config-limits');
    expect(warnings[0]).toContain('max_requests_minute: 10');
  });

  it('stops waiting when the run is cancelled', async () => {
    const { guard, state, clock } = setup({ max_requests_minute: 10 });
    withUsage(state, clock, { requests_minute: 10 });
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(guard.beforeCall(call(1), controller.signal)).rejects.toThrow('cancelled');
  });
});

describe('actual usage', () => {
  it('replaces the estimate with the tokens the response reports', async () => {
    const { guard, state } = setup({});
    const estimate = call(5_000);
    await guard.beforeCall(estimate);
    guard.afterCall(estimate, { ...usage(2_000, 700), cache_read_tokens: 500 });
    expect(state.rate_limit_usage.claude).toMatchObject({
      tokens_minute: 3_200,
      tokens_hour: 3_200,
      requests_minute: 1,
    });
  });

  it('matches responses to their estimates when the engine passes an equal copy', async () => {
    const { guard, state } = setup({});
    await guard.beforeCall(call(5_000));
    guard.afterCall(call(5_000), usage(1_000));
    expect(state.rate_limit_usage.claude?.tokens_day).toBe(1_000);
  });

  it('corrects only the windows the call was counted in when a window rolled over meanwhile', async () => {
    const { guard, state, clock } = setup({}, {}, '2025-11-16T10:15:50Z');
    const estimate = call(5_000);
    await guard.beforeCall(estimate);
    clock.advance(20_000);
    guard.afterCall(estimate, usage(6_000));
    expect(state.rate_limit_usage.claude).toMatchObject({
      tokens_minute: 0,
      tokens_hour: 6_000,
      tokens_day: 6_000,
    });
  });

  it('lets later calls through once the actual usage freed room', async () => {
    const { guard, state, clock } = setup({ max_tokens_minute: 10_000 });
    const first = call(8_000);
    await guard.beforeCall(first);
    guard.afterCall(first, usage(2_000));
    await guard.beforeCall(call(8_000));
    expect(clock.sleeps).toEqual([]);
    expect(state.rate_limit_usage.claude?.tokens_minute).toBe(10_000);
  });
});

describe('server limits', () => {
  it('slows down before the server would answer 429 for tokens', async () => {
    const { guard, clock, waits } = setup({});
    const first = call(1_000);
    await guard.beforeCall(first);
    const reset = new Date(clock.now() + 20_000);
    guard.afterCall(first, usage(1_000), { tokensLimit: 40_000, tokensRemaining: 3_000, tokensReset: reset });
    await guard.beforeCall(call(5_000));
    expect(clock.sleeps).toEqual([20_000]);
    expect(waits[0]?.until).toEqual(reset);
    expect(waits[0]?.reason).toBe('claude server limit: 3,000 tokens left, the next call needs about 5,000');
  });

  it('waits for the request reset when no requests are left', async () => {
    const { guard, clock } = setup({});
    const first = call(1_000);
    await guard.beforeCall(first);
    guard.afterCall(first, usage(1_000), {
      requestsRemaining: 0,
      requestsReset: new Date(clock.now() + 5_000),
    });
    await guard.beforeCall(call(1_000));
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('goes ahead when the server has room, or its reset is past or too far away', async () => {
    const { guard, clock } = setup({});
    const first = call(1_000);
    await guard.beforeCall(first);
    guard.afterCall(first, usage(1_000), {
      tokensRemaining: 30_000,
      tokensReset: new Date(clock.now() + 20_000),
    });
    await guard.beforeCall(call(5_000));
    guard.afterCall(call(5_000), usage(1_000), {
      tokensRemaining: 10,
      tokensReset: new Date(clock.now() + 600_000),
    });
    await guard.beforeCall(call(5_000));
    guard.afterCall(call(5_000), usage(1_000), {
      tokensRemaining: 10,
      tokensReset: new Date(clock.now() - 1_000),
    });
    await guard.beforeCall(call(5_000));
    expect(clock.sleeps).toEqual([]);
  });
});

describe('budgets', () => {
  function budgetSetup(
    budget: { max_tokens_per_task?: number; max_tokens_per_run?: number },
    ignore = false,
  ) {
    const clock = new FakeClock();
    const state = initialState('tasks.yml', [], new Date(clock.now()));
    const guard = createCallGuard({
      state,
      config: config({ budget }),
      clock,
      ignoreRateLimits: ignore,
      maxWaitSeconds: 90,
    });
    return { state, guard };
  }

  it('pauses before a call would take a task over its budget, naming the budget', async () => {
    const { state, guard } = budgetSetup({ max_tokens_per_task: 400_000 });
    state.token_usage.by_task['task-1'] = { ...usage(300_000, 95_000), attempts: [] };
    await guard.beforeCall(call(4_000));
    const paused = await pauseOf(guard.beforeCall(call(10_000)));
    expect(paused.reason).toBe('budget');
    expect(paused.details).toContain('Task task-1 has used 395,000 of its 400,000-token budget');
    expect(paused.details).toContain('budget.max_tokens_per_task');
    expect(paused.details).toContain('taskmaster resume');
    await expect(guard.beforeCall(call(10_000, 'task-2'))).resolves.toBeUndefined();
  });

  it('pauses before a call would take the run over its budget, even with --ignore-config-limits', async () => {
    const { state, guard } = budgetSetup({ max_tokens_per_run: 2_000_000 }, true);
    state.token_usage.total = usage(1_500_000, 499_000);
    const paused = await pauseOf(guard.beforeCall(call(5_000, 'task-9')));
    expect(paused.reason).toBe('budget');
    expect(paused.details).toContain(
      'This run has used 1,999,000 of its 2,000,000-token budget (budget.max_tokens_per_run)',
    );
    expect(state.rate_limit_usage).toEqual({});
  });
});
