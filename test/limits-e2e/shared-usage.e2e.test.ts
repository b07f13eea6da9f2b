import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { runCli, spawnCli } from '../support/cli-runner.js';
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

const HOUR = 3_600_000;

/** Two real processes run on real time: keep both inside one clock hour. */
async function awayFromHourBoundary(): Promise<void> {
  const left = HOUR - (Date.now() % HOUR);
  if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

describe('usage recorded in state.json carries over between runs (slow: real processes)', () => {
  it("a second process pauses because of the first process's usage", async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 2), b: writeTurns('b', 1) });
    const spec: WorkspaceSpec = {
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_hour: 4 },
      settings: { rate_limit_max_wait: 0 },
    };
    ws = createWorkspace(spec);
    await awayFromHourBoundary();

    const first = await spawnCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env }).done;
    expect(first.code, first.stderr).toBe(0);
    expect(ws.state().rate_limit_usage.claude?.requests_hour).toBe(3);

    // The next run (a task added to the file) starts from the 3 requests already counted this hour.
    ws.writeTasks({ ...spec, tasks: [{ id: 'a' }, { id: 'b' }] });
    const second = await spawnCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env }).done;

    expect(second.code, second.stdout + second.stderr).toBe(3);
    expect(server.anthropic.requests).toHaveLength(4);
    expect(second.stderr).toContain('⚠ Rate limit reached!');
    expect(second.stderr).toContain('  - Requests this hour: 4/4');
    expect(ws.state()).toMatchObject({ status: 'paused', completed_task_ids: ['a'] });
  });

  it('waits in-process for the window the previous run filled, then goes on', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 1), b: [] });
    const spec: WorkspaceSpec = {
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 2 },
      settings: { rate_limit_max_wait: 90 },
    };
    ws = createWorkspace(spec);
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 20));
    const first = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });
    expect(first.code, first.stderr).toBe(0);

    // A separate run: a new CLI invocation with its own state store, reading state.json from disk.
    ws.writeTasks({ ...spec, tasks: [{ id: 'a' }, { id: 'b' }] });
    const second = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });

    expect(second.code, second.stderr).toBe(0);
    expect(clock.sleeps).toEqual([40_000]);
    expect(second.stdout).toContain('claude: Requests this minute 2/2');
    const [, , third] = server.anthropic.requests;
    expect(third).toBeDefined();
    expect(ws.state().rate_limit_usage.claude).toMatchObject({
      requests_minute: 1,
      window_start_minute: '2025-11-16T10:16:00Z',
    });
  });

  it('does not let window starts in the future (a clock that was ahead) block the run', async () => {
    playAgent(server.anthropic, { a: [], b: writeTurns('b', 1) });
    const spec: WorkspaceSpec = {
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 2, max_requests_hour: 5, max_tokens_day: 50_000 },
      settings: { rate_limit_max_wait: 0 },
    };
    ws = createWorkspace(spec);
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 20));
    expect((await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock })).code).toBe(0);
    // As if saved by a machine a day ahead, with every window full.
    const state = ws.state();
    state.rate_limit_usage.claude = {
      requests_minute: 2,
      requests_hour: 5,
      requests_day: 40,
      tokens_minute: 9_000,
      tokens_hour: 30_000,
      tokens_day: 50_000,
      window_start_minute: '2025-11-17T10:15:00Z',
      window_start_hour: '2025-11-17T10:00:00Z',
      window_start_day: '2025-11-17T00:00:00',
    };
    ws.writeState(state);
    ws.writeTasks({ ...spec, tasks: [{ id: 'a' }, { id: 'b' }] });
    const debug = await runCli(['debug'], { cwd: ws.repo.dir, env: ws.env, clock });
    expect(debug.stdout).toContain('  Requests (current minute): 0 / 2\n  Requests (current hour): 0 / 5\n');

    const run = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('Rate limit reached');
    expect(server.anthropic.requests).toHaveLength(3);
    expect(ws.state().rate_limit_usage.claude).toMatchObject({
      requests_minute: 2,
      requests_hour: 2,
      requests_day: 2,
      window_start_minute: '2025-11-16T10:15:00Z',
      window_start_hour: '2025-11-16T10:00:00Z',
      window_start_day: '2025-11-16T00:00:00Z',
    });
  });
});
