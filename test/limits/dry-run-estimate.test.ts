import { describe, expect, it } from 'vitest';
import type { RateLimits, ResolvedConfig } from '../../src/config/types.js';
import { formatDryRun, planDryRun, type DryRunTurnModel } from '../../src/limits/dry-run-estimate.js';
import { estimateInputTokens } from '../../src/limits/token-estimate.js';
import { rollWindows } from '../../src/limits/windows.js';
import { initialState, type RunState } from '../../src/state/run-state.js';
import { config, provider, task } from './config-fixture.js';

const now = new Date('2025-11-16T10:15:00Z');
const prompt = {
  system: 'You are a careful engineer.',
  user: 'Create the User model with email and password hash.',
};
const turnModel: DryRunTurnModel = {
  turnsPerAttempt: 3,
  outputTokensPerTurn: 100,
  toolResultTokensPerTurn: 200,
  secondsPerTurn: 10,
};

function plan(opts: {
  cfg?: Partial<ResolvedConfig>;
  limits?: RateLimits;
  ids?: string[];
  state?: RunState;
}) {
  const ids = opts.ids ?? ['t1', 't2'];
  const cfg = config({
    providers: { claude: provider({ type: 'openai', model: 'gpt-4.1', rate_limits: opts.limits ?? {} }) },
    ...opts.cfg,
  });
  const state = opts.state ?? initialState('tasks.yml', [], now);
  return planDryRun({
    config: cfg,
    tasks: ids.map((id) => ({ task: task(id), prompt })),
    state,
    now,
    tools: [],
    turnModel,
  });
}

const base = estimateInputTokens(
  { system: prompt.system, messages: [{ role: 'user', content: prompt.user }], tools: [] },
  'openai',
);
/** Turn k re-sends the prompt plus k − 1 exchanges of 100 output + 200 tool-result tokens. */
const turnTokens = [base + 100, base + 300 + 100, base + 600 + 100];
const perTask = turnTokens.reduce((a, b) => a + b, 0);

describe('planDryRun estimates', () => {
  it('estimates one attempt as turns re-sending the growing conversation', () => {
    const result = plan({});
    expect(result.perTask[0]).toMatchObject({
      id: 't1',
      provider: 'claude',
      model: 'gpt-4.1',
      turns: 3,
      inputTokens: 3 * base + 900,
      outputTokens: 300,
      totalTokens: perTask,
    });
    expect(result.total.totalTokens).toBe(2 * perTask);
    expect(result.pauses).toEqual([]);
  });

  it('prices known models, and lists the ones it cannot price', () => {
    const priced = plan({});
    expect(priced.perTask[0]?.cost).toBeCloseTo(((3 * base + 900) * 2 + 300 * 8) / 1_000_000, 10);
    const cfg = { providers: { claude: provider({ type: 'openai', model: 'llama3.1:8b' }) } };
    const unpriced = plan({ cfg });
    expect(unpriced.perTask[0]?.cost).toBeUndefined();
    expect(unpriced.total.cost).toBeUndefined();
    expect(unpriced.unpricedModels).toEqual(['llama3.1:8b']);
  });

  it('caps the turns at max_turns_per_attempt', () => {
    expect(plan({ cfg: { max_turns_per_attempt: 2 } }).perTask[0]?.turns).toBe(2);
  });

  it('leaves completed tasks out of the totals and the simulation', () => {
    const state = initialState('tasks.yml', [], now);
    state.completed_task_ids.push('t1');
    const result = plan({ state, limits: { max_tokens_day: perTask + 10 } });
    expect(result.perTask[0]?.done).toBe(true);
    expect(result.total.totalTokens).toBe(perTask);
    expect(result.pauses).toEqual([]);
  });
});

describe('planDryRun pause prediction', () => {
  it('says a run would pause at the first call when the state already used the hour', () => {
    const state = initialState('tasks.yml', [], now);
    state.rate_limit_usage.claude = { ...rollWindows(undefined, now), tokens_hour: 99_950 };
    const result = plan({ state, limits: { max_tokens_hour: 100_000 } });
    expect(result.pauses[0]).toBe(
      'task t1, turn 1: rate limit of claude (Tokens this hour 99,950/100,000); paused until 2025-11-16 11:00:00 UTC (in 45 minutes)',
    );
  });

  it('names the task and turn where the day runs out', () => {
    const result = plan({ limits: { max_tokens_day: perTask + (turnTokens[0] ?? 0) + 1 } });
    expect(result.pauses).toHaveLength(1);
    expect(result.pauses[0]).toMatch(/^task t2, turn 2: rate limit of claude \(Tokens today /);
    expect(result.pauses[0]).toContain('paused until 2025-11-17 00:00:00 UTC');
  });

  it('counts short waits for per-minute limits without predicting a pause', () => {
    const result = plan({ limits: { max_requests_minute: 2 } });
    expect(result.pauses).toEqual([]);
    expect(result.waits.count).toBeGreaterThan(0);
    const noWaiting = plan({ limits: { max_requests_minute: 2 }, cfg: { rate_limit_max_wait: 0 } });
    expect(noWaiting.pauses.length).toBeGreaterThan(0);
  });

  it('says when one call could never fit a limit', () => {
    const result = plan({ limits: { max_tokens_minute: base } });
    expect(result.pauses[0]).toContain('more than provider_configs.claude.rate_limits.max_tokens_minute');
  });

  it('predicts the budget pause and stops there for the run budget', () => {
    const result = plan({ cfg: { budget: { max_tokens_per_run: perTask + 10 } } });
    expect(result.pauses).toEqual([
      `task t2, turn 1: budget.max_tokens_per_run would be reached (${perTask.toLocaleString('en-US')}/${(perTask + 10).toLocaleString('en-US')} tokens used)`,
    ]);
    const perTaskBudget = plan({
      ids: ['t1', 't2', 't3'],
      cfg: { budget: { max_tokens_per_task: perTask - 1 } },
    });
    expect(perTaskBudget.pauses.map((p) => p.slice(0, 16))).toEqual([
      'task t1, turn 3:',
      'task t2, turn 3:',
      'task t3, turn 3:',
    ]);
  });

  it('predicts no rate-limit pause with --ignore-config-limits', () => {
    const state = initialState('tasks.yml', [], now);
    state.rate_limit_usage.claude = { ...rollWindows(undefined, now), tokens_hour: 95_000 };
    const cfg = config({ providers: { claude: provider({ rate_limits: { max_tokens_hour: 100_000 } }) } });
    const result = planDryRun({
      config: cfg,
      tasks: [{ task: task('t1'), prompt }],
      state,
      now,
      ignoreRateLimits: true,
    });
    expect(result.pauses).toEqual([]);
  });
});

describe('formatDryRun', () => {
  it('shows a table with totals, the assumptions and the verdict', () => {
    const text = formatDryRun(plan({}));
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^Task\s+Provider\s+Model\s+Input\s+Output\s+Total\s+Cost$/);
    expect(lines[3]).toMatch(/^t1\s+claude\s+gpt-4\.1\s+[\d,]+\s+300\s+[\d,]+\s+(?:\$\d+\.\d\d|<\$0\.01)$/);
    expect(lines[5]).toMatch(
      new RegExp(`^Total\\s+[\\d,]+\\s+600\\s+${(2 * perTask).toLocaleString('en-US')}\\s+`),
    );
    expect(text).toContain('one attempt per task: 3 model turns');
    expect(text).toContain('✓ No pause expected.');
  });

  it('lists the predicted pauses', () => {
    const text = formatDryRun(plan({ limits: { max_tokens_day: perTask + 1 } }));
    expect(text).toContain('⚠ The run would pause:\n    - task t2, turn 1: rate limit of claude');
    expect(text).toContain('taskmaster resume');
  });
});
