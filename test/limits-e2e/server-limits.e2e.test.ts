import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { runCli } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import { playAgent, writeTurns, type AgentCall } from './fake-agent.js';
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

/**
 * A server-side limit as the provider keeps it: what is left until `reset`, refilled at the reset.
 * Reports itself in headers after every reply and refuses (429) a call that does not fit.
 */
class ServerBucket {
  remaining: number;
  reset: number;
  constructor(
    readonly limit: number,
    left: number,
    readonly resetMs: number,
  ) {
    this.remaining = left;
    this.reset = clock.now() + resetMs;
  }
  private refill(): void {
    if (clock.now() < this.reset) return;
    this.remaining = this.limit;
    this.reset = clock.now() + this.resetMs;
  }
  /** True when the call fits (and takes it), false for a 429. */
  take(amount: number): boolean {
    this.refill();
    if (amount > this.remaining) return false;
    this.remaining -= amount;
    return true;
  }
}

const refused = { status: 429, message: 'Rate limit exceeded.', headers: { 'retry-after': '20' } };

describe("the server's own rate-limit headers slow the next call down (slow: real git)", () => {
  it('anthropic-ratelimit-tokens-*: waits for the reset instead of running into a 429', async () => {
    // 10,000 tokens a minute on the server, 2,500 of them left: one call fits, the next does not.
    const bucket = new ServerBucket(10_000, 2_500, 20_000);
    const billed = (c: AgentCall) => c.input + c.output;
    const agent = playAgent(
      server.anthropic,
      { a: writeTurns('a', 1) },
      {
        refuse: (c) => (bucket.take(billed(c)) ? undefined : refused),
        headers: () => ({
          'anthropic-ratelimit-tokens-limit': String(bucket.limit),
          'anthropic-ratelimit-tokens-remaining': String(bucket.remaining),
          'anthropic-ratelimit-tokens-reset': new Date(bucket.reset).toISOString(),
        }),
      },
    );
    ws = createWorkspace({ provider: 'claude', baseUrl: server.baseUrl, tasks: [{ id: 'a' }] });

    const result = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });

    expect(result.code, result.stderr).toBe(0);
    expect(agent.refused).toEqual([]);
    expect(agent.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([20_000]);
    expect(result.stdout).toMatch(
      /claude server limit: [\d,]+ tokens left, the next call needs about [\d,]+/,
    );
  });

  it('x-ratelimit-*-requests: no request left waits for the reset the server gave as a duration', async () => {
    const bucket = new ServerBucket(2, 2, 7_500);
    const agent = playAgent(
      server.openai,
      { a: writeTurns('a', 3) },
      {
        refuse: () => (bucket.take(1) ? undefined : refused),
        headers: () => ({
          'x-ratelimit-limit-requests': String(bucket.limit),
          'x-ratelimit-remaining-requests': String(bucket.remaining),
          'x-ratelimit-reset-requests': `${(bucket.reset - clock.now()) / 1000}s`,
        }),
      },
    );
    ws = createWorkspace({ provider: 'openai', baseUrl: server.baseUrl, tasks: [{ id: 'a' }] });

    const result = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });

    expect(result.code, result.stderr).toBe(0);
    expect(agent.refused).toEqual([]);
    expect(agent.calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([7_500]);
    expect(result.stdout).toContain('openai server limit: no requests left');
  });

  it('the same server without headers is run into: what the slow-down above avoided', async () => {
    const bucket = new ServerBucket(2, 2, 7_500);
    const agent = playAgent(
      server.openai,
      { a: writeTurns('a', 3) },
      { refuse: () => (bucket.take(1) ? undefined : refused) },
    );
    ws = createWorkspace({
      provider: 'openai',
      baseUrl: server.baseUrl,
      tasks: [{ id: 'a' }],
      settings: { rate_limit_max_wait: 5 },
    });

    const result = await runCli(['run', 'tasks.yml'], { cwd: ws.repo.dir, env: ws.env, clock });

    expect(result.code).toBe(3);
    expect(agent.refused).toHaveLength(1);
    expect(result.stderr).toContain('HTTP 429');
  });
});
