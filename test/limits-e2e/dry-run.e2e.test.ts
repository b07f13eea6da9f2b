import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { totalTokens } from '../../src/providers/provider.js';
import { runCli } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { billedTokens, playAgent, writeTurns } from './fake-agent.js';
import { MEDIAN_SESSION, MEDIAN_TASK, TEST_HOOK, statsProjectFiles } from './median-session.js';
import { createWorkspace, type Workspace } from './workspace.js';

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

/** The Input, Output and Total columns of a task's row in the dry-run table. */
function estimateRow(stdout: string, taskId: string): { input: number; output: number; total: number } {
  const row = new RegExp(`^${taskId}\\s+\\S+\\s+\\S+\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)`, 'm').exec(
    stdout,
  );
  if (!row) throw new Error(`no row for ${taskId} in:\n${stdout}`);
  const [input, output, total] = row.slice(1, 4).map((n) => Number(n.replaceAll(',', '')));
  return { input: input ?? 0, output: output ?? 0, total: total ?? 0 };
}

describe('--dry-run (slow: real git, real hooks)', () => {
  it('calls no model, and its estimate is within 25% of what the same run then uses', async () => {
    const agent = playAgent(server.openai, { median: MEDIAN_SESSION });
    ws = createWorkspace(
      {
        provider: 'openai',
        baseUrl: server.baseUrl,
        tasks: [MEDIAN_TASK],
        settings: { hooks: TEST_HOOK },
      },
      statsProjectFiles(),
    );
    ws.repo.commit('stats project');

    const dry = await run('run', 'tasks.yml', '--dry-run', '--quiet');

    expect(dry.code, dry.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(path.join(ws.repo.dir, '.taskmaster', 'state.json'))).toBe(false);
    const estimate = estimateRow(dry.stdout, 'median');

    const real = await run('run', 'tasks.yml');

    expect(real.code, real.stderr).toBe(0);
    expect(agent.calls).toHaveLength(MEDIAN_SESSION.length);
    const used = totalTokens(ws.state().token_usage.total);
    expect(used).toBe(billedTokens(agent.calls));
    expect(Math.abs(estimate.total - used) / used).toBeLessThanOrEqual(0.25);
  });

  it('says which rate limit would pause the run and where, and the run then pauses there', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 5) });
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 3, max_tokens_day: 1_000_000 },
      settings: { rate_limit_max_wait: 0 },
    });

    const dry = await run('run', 'tasks.yml', '--dry-run', '--quiet');

    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      [
        '  ⚠ The run would pause:',
        '    - task a, turn 4: rate limit of claude (Requests this minute 3/3); paused until 2025-11-16 10:16:00 UTC (in 1 minute)',
        '    - task a, turn 7: rate limit of claude (Requests this minute 3/3); paused until 2025-11-16 10:17:00 UTC (in 2 minutes)',
        '  Each pause ends the run (exit 3) until `taskmaster resume` after the reset.',
      ].join('\n'),
    );
    expect(server.requests).toHaveLength(0);

    const real = await run('run', 'tasks.yml');
    expect(real.code).toBe(3);
    expect(server.anthropic.requests).toHaveLength(3);
    expect(real.stderr).toContain('Next reset: 2025-11-16 10:16:00 UTC');
  });

  it('predicts short waits instead of pauses when they fit in rate_limit_max_wait', async () => {
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      rateLimits: { max_requests_minute: 3 },
      settings: { rate_limit_max_wait: 90 },
    });

    const dry = await run('run', 'tasks.yml', '--dry-run', '--quiet');

    expect(dry.stdout).toContain('  ✓ No pause expected.');
    expect(dry.stdout).toMatch(/⧗ 2 short in-process waits \(\d+s in total\)\./);
  });

  it('says which budget would pause the run and where; --ignore-config-limits drops only the rate limits', async () => {
    ws = createWorkspace({
      provider: 'openai',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }, { id: 'b' }],
      rateLimits: { max_requests_hour: 2 },
      settings: { rate_limit_max_wait: 0, budget: { max_tokens_per_run: 12_000 } },
    });

    const dry = await run('run', 'tasks.yml', '--dry-run', '--quiet');
    const ignoring = await run('run', 'tasks.yml', '--dry-run', '--quiet', '--ignore-config-limits');

    expect(dry.stdout).toMatch(
      /- task a, turn 3: rate limit of openai \(Requests this hour 2\/2\); paused until/,
    );
    expect(ignoring.stdout).not.toContain('rate limit of openai');
    for (const out of [dry.stdout, ignoring.stdout]) {
      expect(out).toMatch(
        /- task a, turn \d: budget\.max_tokens_per_run would be reached \([\d,]+\/12,000 tokens used\)/,
      );
    }
    expect(server.requests).toHaveLength(0);
  });
});
