import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { ClaudeProvider } from '../../src/providers/claude.js';
import { OpenAIProvider } from '../../src/providers/openai.js';
import type { Provider } from '../../src/providers/provider.js';
import { startFakeModelServer } from '../support/fake-model-server.js';
import type { FakeApi, FakeModelServer } from '../support/fake-model-server.js';
import { claudeConfig, modelRequest, openaiConfig, TEST_API_KEY } from '../support/provider-fixtures.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0));

async function failureOf(provider: Provider): Promise<ProviderError> {
  const error = await provider.complete(modelRequest()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const apis = [
  {
    label: 'Claude',
    api: (): FakeApi => server.anthropic,
    make: (base = server.baseUrl): Provider => new ClaudeProvider(claudeConfig(base), { clock }),
    env: 'ANTHROPIC_API_KEY',
    provider: 'claude',
    model: 'claude-test',
  },
  {
    label: 'OpenAI',
    api: (): FakeApi => server.openai,
    make: (base = server.baseUrl): Provider => new OpenAIProvider(openaiConfig(base), { clock }),
    env: 'OPENAI_API_KEY',
    provider: 'openai',
    model: 'gpt-test',
  },
];

describe.each(apis)('$label API errors', ({ api, make, env, provider, model }) => {
  it('classifies a 429 as a retryable rate limit with the retry-after wait', async () => {
    api().rateLimit(2);
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryable: true, retryAfterMs: 2000 });
    expect(error.provider).toBe(provider);
  });

  it('prefers retry-after-ms, and reads an HTTP-date retry-after against the clock', async () => {
    api().fail(429, { headers: { 'retry-after-ms': '1500', 'retry-after': '9' } });
    expect((await failureOf(make())).retryAfterMs).toBe(1500);
    api().fail(429, { headers: { 'retry-after': new Date(clock.now() + 30_000).toUTCString() } });
    expect((await failureOf(make())).retryAfterMs).toBe(30_000);
  });

  it.each([500, 503, 529, 408, 409])('classifies HTTP %i as a retryable overload', async (status) => {
    api().fail(status);
    expect(await failureOf(make())).toMatchObject({ kind: 'overloaded', status, retryable: true });
  });

  it('names the provider, the model and the key variable on 401, never the key', async () => {
    api().fail(401, { message: `invalid x-api-key ${TEST_API_KEY}` });
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(error.message).toContain(`provider "${provider}"`);
    expect(error.message).toContain(model);
    expect(error.message).toContain(`comes from the environment variable ${env}`);
    expect(error.message).not.toContain(TEST_API_KEY);
  });

  it('says a 403 is about access to the model', async () => {
    api().fail(403, { message: 'not allowed' });
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'auth', retryable: false });
    expect(error.message).toMatch(new RegExp(`may use model ${model}`));
  });

  it('points a 404 at the model setting', async () => {
    api().fail(404, { message: `model: ${model}` });
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'bad-request', status: 404, retryable: false });
    expect(error.message).toContain(`Check \`model\` in provider_configs.${provider}`);
  });

  it.each([400, 422])('does not retry a rejected request (HTTP %i)', async (status) => {
    api().fail(status, { message: 'max_tokens: too large' });
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'bad-request', status, retryable: false });
    expect(error.message).toContain('max_tokens: too large');
  });

  it('never retries an exhausted quota or spend limit', async () => {
    api().quotaExceeded();
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'quota', status: 429, retryable: false, retryAfterMs: undefined });
    expect(error.message).toMatch(/not retried/);
  });

  it('classifies a refused connection as a retryable connection error naming the base_url', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const error = await failureOf(make(base));
    expect(error).toMatchObject({ kind: 'connection', status: undefined, retryable: true });
    expect(error.message).toContain(base);
  });

  it('classifies a dropped connection as a connection error', async () => {
    api().drop();
    expect(await failureOf(make())).toMatchObject({ kind: 'connection', retryable: true });
  });
});

describe('Anthropic billing errors', () => {
  it('treats a low credit balance (HTTP 400) as exhausted quota', async () => {
    server.anthropic.fail(400, {
      message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing.',
    });
    const error = await failureOf(new ClaudeProvider(claudeConfig(server.baseUrl)));
    expect(error).toMatchObject({ kind: 'quota', retryable: false });
  });

  it('treats a billing error (HTTP 402) as exhausted quota', async () => {
    server.anthropic.fail(402, { message: 'Payment required.' });
    const error = await failureOf(new ClaudeProvider(claudeConfig(server.baseUrl)));
    expect(error).toMatchObject({ kind: 'quota', status: 402, retryable: false });
  });

  it('treats an ordinary per-minute 429 as a rate limit, not quota', async () => {
    server.anthropic.fail(429, {
      message: 'Number of request tokens has exceeded your per-minute rate limit',
    });
    const error = await failureOf(new ClaudeProvider(claudeConfig(server.baseUrl)));
    expect(error.kind).toBe('rate-limit');
  });

  it('names the config key when the key is written in the config rather than an env var', async () => {
    server.anthropic.fail(401);
    const config = claudeConfig(server.baseUrl, { api_key_env: undefined });
    const error = await failureOf(new ClaudeProvider(config));
    expect(error.message).toContain('is written in provider_configs.claude.api_key');
  });
});
