import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { runCli } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { playAgent, writeTurns } from './fake-agent.js';
import { createWorkspace, type Workspace } from './workspace.js';

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

describe('a configured request limit pauses the run and resume finishes it (slow: real git)', () => {
  it('makes exactly 3 of 5 calls, prints the guide message, exits 3, and finishes after the reset', async () => {
    // Task a needs 3 calls (2 writes + finish), task b needs 2 (1 write + finish): 5 in all.
    playAgent(server.anthropic, { a: writeTurns('a', 2), b: writeTurns('b', 1) });
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }, { id: 'b' }],
      rateLimits: { max_requests_minute: 3 },
      settings: { rate_limit_max_wait: 0 },
    });
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 15, 29, 10));
    const opts = { cwd: ws.repo.dir, env: ws.env, clock };

    const first = await runCli(['run', 'tasks.yml'], opts);

    expect(first.code, first.stderr).toBe(3);
    expect(server.anthropic.requests).toHaveLength(3);
    expect(first.stderr).toContain(
      [
        '⚠ Rate limit reached!',
        '',
        'Current usage:',
        '  - Requests this minute: 3/3',
        '',
        'Next reset: 2025-11-16 15:30:00 UTC (in 50s)',
        '',
        'Safe to resume after reset. Run:',
        '  taskmaster resume',
      ].join('\n'),
    );
    const paused = ws.state();
    expect(paused).toMatchObject({ status: 'paused', pause_reason: 'rate-limit', completed_task_ids: ['a'] });
    expect(paused.paused_until).toBe('2025-11-16T15:30:00.000Z');
    expect(paused.rate_limit_usage.claude).toMatchObject({
      requests_minute: 3,
      window_start_minute: '2025-11-16T15:29:00Z',
    });
    // The pause cut task b's first attempt short: it does not count.
    expect(paused.attempt_counts.b ?? 0).toBe(0);

    const early = await runCli(['resume'], opts);
    expect(early.code).toBe(3);
    expect(server.anthropic.requests).toHaveLength(3);

    clock.advance(51_000);
    const resumed = await runCli(['resume'], opts);

    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Run complete: 2 of 2 tasks completed');
    expect(server.anthropic.requests).toHaveLength(5);
    const done = ws.state();
    expect(done.status).toBe('completed');
    expect(done.attempt_counts).toEqual({ a: 1, b: 1 });
    expect(done.rate_limit_usage.claude).toMatchObject({
      requests_minute: 2,
      requests_day: 5,
      window_start_minute: '2025-11-16T15:30:00Z',
    });
  });

  it('status and debug show the usage against every limit and the next resets', async () => {
    playAgent(server.anthropic, { a: writeTurns('a', 2), b: writeTurns('b', 1) });
    ws = createWorkspace({
      provider: 'claude',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }, { id: 'b' }],
      rateLimits: { max_requests_minute: 3, max_tokens_hour: 100_000, max_tokens_day: 500_000 },
      settings: { rate_limit_max_wait: 0 },
    });
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 15));
    const opts = { cwd: ws.repo.dir, env: ws.env, clock };
    expect((await runCli(['run', 'tasks.yml'], opts)).code).toBe(3);
    const usage = ws.state().rate_limit_usage.claude;
    const hour = (usage?.tokens_hour ?? 0).toLocaleString('en-US');
    const day = (usage?.tokens_day ?? 0).toLocaleString('en-US');
    expect(usage?.tokens_hour).toBeGreaterThan(1_000);

    const status = await runCli(['status'], opts);
    const debug = await runCli(['debug'], opts);

    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      [
        'Progress:',
        '✓ a: Task a',
        '→ b: Task b',
        '',
        'Rate Limit Usage:',
        'Provider: claude',
        '  Requests (current minute): 3 / 3',
        `  Tokens (current hour): ${hour} / 100,000`,
        `  Tokens (current day): ${day} / 500,000`,
        '',
        'Next reset:',
        '  Minute: 2025-11-16 10:16:00 (in 45s)',
        '  Hour: 2025-11-16 11:00:00 (in 45m)',
        '',
        '⏸ Run paused: rate-limit',
        'Safe to resume after 2025-11-16 10:16:00 UTC (in 45s). Run:',
        '  taskmaster resume',
      ].join('\n'),
    );
    expect(debug.code).toBe(0);
    expect(debug.stdout).toContain(
      [
        'RATE LIMIT USAGE',
        '============================================================',
        '',
        'Provider: claude',
        '  Requests (current minute): 3 / 3',
        `  Tokens (current hour): ${hour} / 100,000`,
        `  Tokens (current day): ${day} / 500,000`,
        '',
        'Next reset:',
        '  Minute: 2025-11-16 10:16:00 (in 45s)',
        '  Hour: 2025-11-16 11:00:00 (in 45m)',
      ].join('\n'),
    );

    // A minute later the minute window is spent; both views say so rather than show stale counts.
    clock.advance(60_000);
    const later = await runCli(['status'], opts);
    expect(later.stdout).toContain('  Requests (current minute): 0 / 3');
    expect(later.stdout).toContain('  Minute: 2025-11-16 10:17:00 (in 45s)');
  });
});
