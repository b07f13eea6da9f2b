import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { totalTokens } from '../../src/providers/provider.js';
import { runCli } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { playAgent, writeTurns } from './fake-agent.js';
import { createWorkspace, type Workspace, type WorkspaceSpec } from './workspace.js';

let server: FakeModelServer;
let ws: Workspace | undefined;
let clock: FakeClock;

beforeEach(async () => {
  server = await startFakeModelServer();
  clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 0));
});
afterEach(async () => {
  ws?.repo.cleanup();
  ws = undefined;
  await server.close();
});

function run(...args: string[]) {
  if (!ws) throw new Error('no workspace');
  return runCli(args, { cwd: ws.repo.dir, env: ws.env, clock });
}

/** `1,234` → 1234. */
function count(text: string | undefined): number {
  return Number((text ?? '').replaceAll(',', ''));
}

describe('--ignore-config-limits (slow: real git)', () => {
  it('warns, skips the configured limits, and still counts the usage', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 3) });
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 1, max_tokens_hour: 1_000 },
      settings: { rate_limit_max_wait: 0 },
    });

    const result = await run('run', 'tasks.yml', '--ignore-config-limits');

    expect(result.code, result.stderr).toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toContain(
      '--ignore-config-limits: rate limits of provider claude are not enforced (max_requests_minute: 1, max_tokens_hour: 1000).',
    );
    expect(output).not.toContain('Rate limit reached');
    expect(server.anthropic.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([]);
    const usage = ws.state().rate_limit_usage.claude;
    expect(usage?.requests_minute).toBe(4);
    expect(usage?.tokens_hour).toBe(totalTokens(ws.state().token_usage.total));
  });

  it('still applies budgets', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 3) });
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 1 },
      settings: { budget: { max_tokens_per_task: 100 } },
    });

    const result = await run('run', 'tasks.yml', '--ignore-config-limits');

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('(budget.max_tokens_per_task)');
    expect(server.anthropic.requests).toHaveLength(0);
  });
});

describe('token budgets pause the run and say which (slow: real git)', () => {
  it('max_tokens_per_task: exit 3, the budget named, the numbers from state', async () => {
    playAgent(server.openai, { b: writeTurns('b', 4) });
    ws = createWorkspace({
      provider: 'openai',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'b' }],
      settings: { budget: { max_tokens_per_task: 4_500 } },
    });

    const result = await run('run', 'tasks.yml');

    expect(result.code, result.stderr).toBe(3);
    const match =
      /Task b has used ([\d,]+) of its 4,500-token budget \(budget\.max_tokens_per_task\);\nthe next model call needs about ([\d,]+) more\./.exec(
        result.stderr,
      );
    expect(match, result.stderr).not.toBeNull();
    const state = ws.state();
    const used = totalTokens(state.token_usage.by_task.b ?? state.token_usage.total);
    expect(count(match?.[1])).toBe(used);
    expect(used).toBeLessThanOrEqual(4_500);
    expect(used + count(match?.[2])).toBeGreaterThan(4_500);
    expect(result.stderr).toContain('To continue, raise budget.max_tokens_per_task in your configuration.');
    expect(result.stderr).toContain('  taskmaster resume');
    expect(state).toMatchObject({ status: 'paused', pause_reason: 'budget', paused_until: null });
    expect(server.openai.requests.length).toBeGreaterThan(0);
    expect(server.openai.requests.length).toBeLessThan(5);
  });

  it('max_tokens_per_run: pauses between tasks, and resume goes on once the budget is raised', async () => {
    playAgent(server.openai, { a: [], b: writeTurns('b', 1) });
    const spec: WorkspaceSpec = {
      provider: 'openai',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }, { id: 'b' }],
      settings: { budget: { max_tokens_per_run: 3_500 } },
    };
    ws = createWorkspace(spec);

    const paused = await run('run', 'tasks.yml');

    expect(paused.code, paused.stderr).toBe(3);
    expect(paused.stderr).toMatch(
      /This run has used [\d,]+ of its 3,500-token budget \(budget\.max_tokens_per_run\);/,
    );
    expect(ws.state().completed_task_ids).toEqual(['a']);
    expect(server.openai.requests).toHaveLength(1);
    expect((await run('resume')).code).toBe(3);

    ws.writeTasks({ ...spec, settings: { budget: { max_tokens_per_run: 100_000 } } });
    const resumed = await run('resume');

    expect(resumed.code, resumed.stderr).toBe(0);
    expect(ws.state().completed_task_ids).toEqual(['a', 'b']);
    expect(server.openai.requests).toHaveLength(3);
  });
});
