import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import {
  apiOf,
  checkFile,
  createModelRepo,
  filesContaining,
  finishCall,
  KEY_ENV,
  MODEL_KINDS,
  readState,
  runModelCli,
  TEST_API_KEY,
  writeCall,
  providerEntry,
  type ModelKind,
} from './model-run.js';

let server: FakeModelServer;
let repo: TempRepo | undefined;
beforeEach(async () => {
  server = await startFakeModelServer();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await server.close();
});

function oneTaskRepo(kind: ModelKind): TempRepo {
  repo = createModelRepo({
    kind,
    server,
    tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['check'] }],
    hooks: { check: checkFile('hello.txt', 'hello') },
  });
  return repo;
}

describe.each(MODEL_KINDS)('API errors with type: %s (slow: real hooks, real git)', (kind) => {
  it('stops at a 401 naming the provider and the key variable, without showing the key', async () => {
    const dir = oneTaskRepo(kind);
    // Some gateways echo the rejected key back; it must still not reach the user's terminal.
    apiOf(server, kind).fail(401, { message: `Incorrect API key provided: ${TEST_API_KEY}` });

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml']);

    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(1);
    expect(output).toContain(`provider "${kind}"`);
    expect(output).toContain(KEY_ENV[kind]);
    expect(output).not.toContain(TEST_API_KEY);
    expect(apiOf(server, kind).requests).toHaveLength(1);
    expect(readState(dir).status).toBe('failed');
    expect(readState(dir).attempt_counts.hello ?? 0).toBe(0);
    expect(filesContaining(path.join(dir.dir, '.taskmaster'), TEST_API_KEY)).toEqual([]);
  });

  it('stops at an exhausted quota without retrying it', async () => {
    const dir = oneTaskRepo(kind);
    apiOf(server, kind).quotaExceeded();
    const clock = new FakeClock();

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toContain('quota or spend limit exhausted');
    expect(result.stderr).toContain(KEY_ENV[kind]);
    expect(apiOf(server, kind).requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(readState(dir).status).toBe('failed');
  });

  it('retries a 500 after a backoff and completes the run', async () => {
    const dir = oneTaskRepo(kind);
    apiOf(server, kind)
      .fail(500)
      .reply({ toolCalls: [writeCall('hello.txt', 'hello')] })
      .reply({ toolCalls: [finishCall('Wrote hello.txt.')] });
    const clock = new FakeClock();

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Run complete: 1 of 1 tasks completed');
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(dir.read('hello.txt')).toBe('hello');
    expect(readState(dir).attempt_counts).toEqual({ hello: 1 });
  });
});

describe.each(MODEL_KINDS)('absurd retry-after with type: %s (slow: real hooks, real git)', (kind) => {
  it('pauses with a sane resume time when retry-after is astronomically long', async () => {
    const dir = oneTaskRepo(kind);
    apiOf(server, kind).rateLimit(99999999999999);
    const clock = new FakeClock();

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.stderr).not.toContain('Invalid time value');
    const state = readState(dir);
    expect(state.status).toBe('paused');
    const until = Date.parse(state.paused_until ?? '');
    // Clamped to a day: far enough to respect the server, near enough to mean something.
    expect(until - clock.now()).toBe(24 * 3600_000);
    expect(result.stderr).toContain(`run \`taskmaster resume\` after ${new Date(until).toISOString()}`);
    expect(clock.sleeps).toEqual([]);
  });
});

describe.each(MODEL_KINDS)('broken connections with type: %s (slow: real hooks, real git)', (kind) => {
  it('retries a reply cut off mid-body like a connection error and completes the run', async () => {
    const dir = oneTaskRepo(kind);
    apiOf(server, kind)
      .resetMidBody({ toolCalls: [writeCall('hello.txt', 'hello')] })
      .reply({ toolCalls: [writeCall('hello.txt', 'hello')] })
      .reply({ toolCalls: [finishCall('Wrote hello.txt.')] });
    const clock = new FakeClock();

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('⚠ API connection error');
    expect(clock.sleeps).toHaveLength(1);
    expect(dir.read('hello.txt')).toBe('hello');
    expect(readState(dir).attempt_counts).toEqual({ hello: 1 });
  });

  it('gives up on a server that never answers after idle_timeout, per try, and pauses', async () => {
    repo = createModelRepo({
      kind,
      server,
      tasks: [{ id: 'hello', title: 'Say hello' }],
      config: { provider_configs: { [kind]: { ...providerEntry(kind, server), idle_timeout: 0.2 } } },
    });
    apiOf(server, kind).handle(() => ({ hang: true }));
    const clock = new FakeClock();

    const result = await runModelCli(repo, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(apiOf(server, kind).requests).toHaveLength(5);
    expect(result.stderr).toContain('the server sent no data for 0.2 seconds');
    expect(result.stderr).toContain(`raise provider_configs.${kind}.idle_timeout`);
    expect(readState(repo).status).toBe('paused');
  });
});
