import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import {
  apiOf,
  checkFile,
  createModelRepo,
  finishCall,
  MODEL_KINDS,
  readState,
  runModelCli,
  writeCall,
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

function answerHello(kind: ModelKind): void {
  apiOf(server, kind)
    .reply({ toolCalls: [writeCall('hello.txt', 'hello')] })
    .reply({ toolCalls: [finishCall('Wrote hello.txt.')] });
}

describe.each(MODEL_KINDS)('429 responses with type: %s (slow: real hooks, real git)', (kind) => {
  it('waits for retry-after before the next request and keeps the attempt count', async () => {
    const dir = oneTaskRepo(kind);
    apiOf(server, kind).rateLimit(2);
    answerHello(kind);
    const clock = new FakeClock();

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(clock.sleeps[0]).toBeLessThan(3000);
    const requests = apiOf(server, kind).requests;
    expect(requests).toHaveLength(3);
    // The retried call is the same call: same conversation, not a new turn.
    expect(requests[1]?.body).toEqual(requests[0]?.body);
    expect(readState(dir).attempt_counts).toEqual({ hello: 1 });
    // The guide's "Handling 429 Errors" lines.
    expect(result.stdout).toContain('⚠ API rate limit error (HTTP 429)\nRetry-After: 2 seconds\n');
    expect(result.stdout).toContain('Attempt 1/5: Waiting 2 seconds...');
  });

  it('pauses after exactly 5 tries with state saved, and resumes once the API answers', async () => {
    const dir = oneTaskRepo(kind);
    const api = apiOf(server, kind).handle(() => ({ status: 429, message: 'Rate limit exceeded.' }));
    const clock = new FakeClock();

    const paused = await runModelCli(dir, kind, ['run', 'tasks.yml'], clock);

    expect(paused.code, paused.stdout + paused.stderr).toBe(3);
    expect(api.requests).toHaveLength(5);
    expect(clock.sleeps).toHaveLength(4);
    // Backoff 2, 4, 8, 16 s, each with up to 25 % jitter.
    clock.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(2000 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(2500 * 2 ** i);
    });
    expect(paused.stdout).toContain('Attempt 1/5: Waiting');
    // Later tries are plain lines under the heading, as in the guide: no ⚠ of their own.
    expect(paused.stdout).toMatch(/^Attempt 4\/5: Waiting/m);
    expect(paused.stdout).not.toContain('⚠ Attempt');
    expect(paused.stdout).toContain('Attempt 4/5: Waiting');
    expect(paused.stdout).not.toContain('Attempt 5/5');
    expect(paused.stderr).toContain('failed 5 times in a row');
    expect(paused.stderr).toContain('taskmaster resume');
    const state = readState(dir);
    expect(state.status).toBe('paused');
    expect(state.attempt_counts.hello ?? 0).toBe(0);

    api.handle(undefined);
    answerHello(kind);
    const resumed = await runModelCli(dir, kind, ['resume'], clock);

    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(dir.read('hello.txt')).toBe('hello');
    expect(readState(dir)).toMatchObject({ status: 'completed', attempt_counts: { hello: 1 } });
    expect(api.requests).toHaveLength(7);
  });
});

describe('a retry-after longer than the in-process wait (slow: real hooks, real git)', () => {
  it('pauses at once with the time to resume, without using an attempt', async () => {
    const dir = oneTaskRepo('claude');
    server.anthropic.rateLimit(600);
    const clock = new FakeClock();

    const result = await runModelCli(dir, 'claude', ['run', 'tasks.yml'], clock);

    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(server.anthropic.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    const resumeAt = new Date(clock.now() + 600_000).toISOString();
    expect(result.stderr).toContain(`run \`taskmaster resume\` after ${resumeAt}`);
    expect(readState(dir)).toMatchObject({ status: 'paused', paused_until: resumeAt });
    expect(readState(dir).attempt_counts.hello ?? 0).toBe(0);
  });
});
