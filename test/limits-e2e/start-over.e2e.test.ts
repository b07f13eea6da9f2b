/**
 * Rate-limit windows describe the provider account, not the run: `--fresh`, "n" at "Resume from task N?"
 * and a run after a completed one all start from the usage already counted, so a second run pauses
 * (exit 3) where it would otherwise go past the limits. Time is frozen: every run happens in the same
 * minute, hour and day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { runCli } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { playAgent, writeTurns } from './fake-agent.js';
import { createWorkspace, type Workspace, type WorkspaceSpec } from './workspace.js';

let server: FakeModelServer;
let ws: Workspace | undefined;

beforeEach(async () => {
  server = await startFakeModelServer();
});
afterEach(async () => {
  ws?.repo.cleanup();
  ws = undefined;
  await server.close();
});

function workspace(spec: Omit<WorkspaceSpec, 'provider' | 'baseUrl'>): {
  ws: Workspace;
  run: (args: string[], answers?: string[]) => ReturnType<typeof runCli>;
} {
  const created = createWorkspace({ provider: 'claude', baseUrl: server.baseUrl, ...spec });
  ws = created;
  const clock = new FakeClock(Date.UTC(2025, 10, 16, 15, 29, 10));
  const run = (args: string[], answers?: string[]) =>
    runCli(args, { cwd: created.repo.dir, env: created.env, clock, ...(answers ? { answers } : {}) });
  return { ws: created, run };
}

describe('starting over keeps the rate-limit usage of the account (slow: real git)', () => {
  it('--fresh: the new run pauses at max_requests_minute instead of going past it', async () => {
    // Each run of task a needs 2 calls (a write, then finish); 3 are allowed per minute.
    playAgent(server.anthropic, { a: writeTurns('a', 1) });
    const { ws, run } = workspace({
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 3 },
      settings: { rate_limit_max_wait: 0 },
    });
    expect((await run(['run', 'tasks.yml'])).code).toBe(0);

    const fresh = await run(['run', 'tasks.yml', '--fresh']);

    expect(fresh.code, fresh.stdout + fresh.stderr).toBe(3);
    expect(fresh.stderr).toContain('  - Requests this minute: 3/3');
    expect(server.anthropic.requests).toHaveLength(3);
    const state = ws.state();
    expect(state).toMatchObject({ status: 'paused', pause_reason: 'rate-limit', completed_task_ids: [] });
    expect(state.rate_limit_usage.claude).toMatchObject({ requests_minute: 3, requests_day: 3 });
    // The run budget is the run's own: it starts again.
    expect(state.token_usage.total.input_tokens).toBeLessThan(state.rate_limit_usage.claude?.tokens_day ?? 0);
  });

  it('"n" at "Resume from task N?": the new run pauses at max_tokens_hour instead of going past it', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 1), b: writeTurns('b', 1) });
    const spec = { tasks: [{ id: 'a' }, { id: 'b' }], settings: { rate_limit_max_wait: 0 } };
    const { ws, run } = workspace({ ...spec, rateLimits: { max_requests_minute: 3 } });
    // a (2 calls) completes; b's second call would be the 4th this minute: paused at task 2.
    expect((await run(['run', 'tasks.yml'])).code).toBe(3);
    const used = ws.state().rate_limit_usage.claude?.tokens_hour ?? 0;
    expect(used).toBeGreaterThan(0);
    // The hour allows a few tokens more than were used: not enough for another request.
    ws.writeTasks({
      ...spec,
      provider: 'claude',
      baseUrl: server.baseUrl,
      rateLimits: { max_tokens_hour: used + 10 },
    });

    const over = await run(['run', 'tasks.yml'], ['n']);

    expect(over.stdout).toContain('Resume from task 2? [Y/n]');
    expect(over.code, over.stdout + over.stderr).toBe(3);
    expect(over.stderr).toContain('⚠ Rate limit reached!');
    expect(server.anthropic.requests).toHaveLength(3);
    const state = ws.state();
    expect(state).toMatchObject({ status: 'paused', completed_task_ids: [] });
    expect(state.rate_limit_usage.claude?.tokens_hour).toBe(used);
  });

  it('a run after a completed run of the same file pauses at max_requests_day', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 1), b: writeTurns('b', 1) });
    const spec = {
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_day: 3 },
      settings: { rate_limit_max_wait: 0 },
    };
    const { ws, run } = workspace(spec);
    expect((await run(['run', 'tasks.yml'])).code).toBe(0);
    ws.writeTasks({
      ...spec,
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }, { id: 'b' }],
    });

    const next = await run(['run', 'tasks.yml']);

    expect(next.code, next.stdout + next.stderr).toBe(3);
    expect(next.stderr).toContain('  - Requests today: 3/3');
    expect(server.anthropic.requests).toHaveLength(3);
    expect(ws.state()).toMatchObject({ status: 'paused', completed_task_ids: ['a'] });
  });
});
