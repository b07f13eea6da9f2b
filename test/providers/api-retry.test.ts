import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, RunPaused } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { withApiRetry } from '../../src/providers/api-retry.js';
import type { ApiRetryEvent, ApiRetryOptions } from '../../src/providers/api-retry.js';
import { ClaudeProvider } from '../../src/providers/claude.js';
import { OpenAIProvider } from '../../src/providers/openai.js';
import type { Provider } from '../../src/providers/provider.js';
import { startFakeModelServer } from '../support/fake-model-server.js';
import type { FakeModelServer } from '../support/fake-model-server.js';
import { claudeConfig, modelRequest, openaiConfig } from '../support/provider-fixtures.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

let clock: FakeClock;
let events: ApiRetryEvent[];
beforeEach(() => {
  clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0));
  events = [];
});

function retrying(provider: Provider, opts: Partial<ApiRetryOptions> = {}): Provider {
  return withApiRetry(provider, {
    clock,
    maxWaitMs: 90_000,
    onRetry: (e) => events.push(e),
    random: () => 0,
    ...opts,
  });
}

const claude = (base = server.baseUrl): Provider => new ClaudeProvider(claudeConfig(base), { clock });
const openai = (): Provider => new OpenAIProvider(openaiConfig(server.baseUrl), { clock });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

describe('withApiRetry', () => {
  it('waits what retry-after says and then succeeds', async () => {
    const before = server.anthropic.requests.length;
    server.anthropic.rateLimit(2).reply({ text: 'after the wait' });
    const { turn } = await retrying(claude()).complete(modelRequest());

    expect(turn.text).toBe('after the wait');
    expect(clock.sleeps).toEqual([2000]);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(server.anthropic.requests.length - before).toBe(2);
    expect(events).toMatchObject([
      { tryNumber: 1, maxTries: 5, waitMs: 2000, error: { kind: 'rate-limit' } },
    ]);
  });

  it('keeps the wrapped provider’s name, type and model', () => {
    const wrapped = retrying(openai());
    expect([wrapped.name, wrapped.type, wrapped.model]).toEqual(['openai', 'openai', 'gpt-test']);
  });

  it('makes exactly 5 requests when every call is rate limited, then pauses the run', async () => {
    const before = server.openai.requests.length;
    server.openai.handle(() => ({ status: 429, message: 'Rate limit reached' }));
    try {
      const error = await rejectionOf(retrying(openai()).complete(modelRequest()));
      expect(error).toBeInstanceOf(RunPaused);
      expect(error).toMatchObject({ reason: 'api-retries', until: undefined });
      expect((error as RunPaused).message).toMatch(/failed 5 times in a row/);
      expect((error as RunPaused).message).toContain('taskmaster resume');
      expect((error as RunPaused).message).toContain('HTTP 429: Rate limit reached');
    } finally {
      server.openai.handle(undefined);
    }
    expect(server.openai.requests.length - before).toBe(5);
    expect(clock.sleeps).toEqual([2000, 4000, 8000, 16000]);
    expect(events.map((e) => `${e.tryNumber}/${e.maxTries}`)).toEqual(['1/5', '2/5', '3/5', '4/5']);
  });

  it('adds at most 25% jitter to the backoff', async () => {
    server.anthropic.fail(500).fail(500).fail(500).reply();
    await retrying(claude(), { random: () => 0.999 }).complete(modelRequest());
    expect(clock.sleeps).toHaveLength(3);
    [2000, 4000, 8000].forEach((base, i) => {
      expect(clock.sleeps[i]).toBeGreaterThan(base);
      expect(clock.sleeps[i]).toBeLessThanOrEqual(base * 1.25);
    });
  });

  it('pauses at once with the resume time when retry-after is longer than the in-process wait', async () => {
    const before = server.anthropic.requests.length;
    server.anthropic.rateLimit(3600);
    const error = await rejectionOf(retrying(claude()).complete(modelRequest()));

    expect(error).toBeInstanceOf(RunPaused);
    expect(error).toMatchObject({ reason: 'rate-limit', until: new Date(Date.UTC(2025, 10, 16, 11, 0, 0)) });
    expect((error as RunPaused).message).toContain('taskmaster resume');
    expect((error as RunPaused).message).toContain('2025-11-16T11:00:00.000Z');
    expect(clock.sleeps).toEqual([]);
    expect(server.anthropic.requests.length - before).toBe(1);
  });

  it('pauses with reason api-retries when even a backoff is too long (maxWaitMs 0 never waits)', async () => {
    server.anthropic.fail(503);
    const error = await rejectionOf(retrying(claude(), { maxWaitMs: 0 }).complete(modelRequest()));
    expect(error).toMatchObject({ reason: 'api-retries', until: new Date(clock.now() + 2000) });
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a 500 and returns the answer that follows', async () => {
    server.openai.fail(500).reply({ text: 'recovered' });
    const { turn } = await retrying(openai()).complete(modelRequest());
    expect(turn.text).toBe('recovered');
    expect(events).toMatchObject([{ error: { kind: 'overloaded', status: 500 } }]);
  });

  it.each([
    ['an exhausted quota', (s: FakeModelServer) => s.openai.quotaExceeded(), 'quota'],
    ['a rejected key', (s: FakeModelServer) => s.openai.fail(401), 'auth'],
    ['an unknown model', (s: FakeModelServer) => s.openai.fail(404), 'bad-request'],
  ])('does not retry %s', async (_label, script, kind) => {
    const before = server.openai.requests.length;
    script(server);
    const error = await rejectionOf(retrying(openai()).complete(modelRequest()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind, retryable: false });
    expect(server.openai.requests.length - before).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry the spend-limit 429 of Anthropic', async () => {
    const before = server.anthropic.requests.length;
    server.anthropic.quotaExceeded();
    const error = await rejectionOf(retrying(claude()).complete(modelRequest()));
    expect(error).toMatchObject({ kind: 'quota' });
    expect(server.anthropic.requests.length - before).toBe(1);
  });

  it('retries a refused connection as a connection error', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const error = await rejectionOf(retrying(claude(`http://127.0.0.1:${port}`)).complete(modelRequest()));
    expect(error).toMatchObject({ reason: 'api-retries' });
    expect(events.map((e) => e.error.kind)).toEqual(['connection', 'connection', 'connection', 'connection']);
    expect((error as RunPaused).message).toContain('could not be reached');
  });

  it('retries a dropped connection and succeeds', async () => {
    server.anthropic.drop().reply({ text: 'back' });
    const { turn } = await retrying(claude()).complete(modelRequest());
    expect(turn.text).toBe('back');
    expect(clock.sleeps).toEqual([2000]);
  });

  it('honours a smaller maxTries', async () => {
    server.anthropic.fail(529).fail(529);
    const error = await rejectionOf(retrying(claude(), { maxTries: 2 }).complete(modelRequest()));
    expect((error as RunPaused).message).toMatch(/failed 2 times in a row/);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('lets errors that are not API errors through unchanged', async () => {
    const boom = new TypeError('bug');
    const broken: Provider = {
      name: 'x',
      type: 'scripted',
      model: 'm',
      complete: () => Promise.reject(boom),
    };
    await expect(retrying(broken).complete(modelRequest())).rejects.toBe(boom);
  });

  it('stops waiting when the signal aborts', async () => {
    server.anthropic.fail(500);
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const provider = retrying(claude(), { onRetry: () => controller.abort(reason) });
    await expect(provider.complete(modelRequest(), controller.signal)).rejects.toBe(reason);
  });
});
