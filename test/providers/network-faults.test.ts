import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { withApiRetry } from '../../src/providers/api-retry.js';
import { ClaudeProvider } from '../../src/providers/claude.js';
import { OpenAIProvider } from '../../src/providers/openai.js';
import type { Provider } from '../../src/providers/provider.js';
import { startFakeModelServer } from '../support/fake-model-server.js';
import type { FakeApi, FakeModelServer } from '../support/fake-model-server.js';
import { claudeConfig, modelRequest, openaiConfig } from '../support/provider-fixtures.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

/** Tiny, so that a silent server is given up on within the test's time. */
const SHORT_IDLE_SECONDS = 0.2;
/** For tests where the server does send: long enough that a busy machine never trips it. */
const LONG_IDLE_SECONDS = 30;

const apis = [
  {
    label: 'Claude',
    api: (): FakeApi => server.anthropic,
    make: (idle = LONG_IDLE_SECONDS): Provider =>
      new ClaudeProvider(claudeConfig(server.baseUrl, { idle_timeout: idle })),
  },
  {
    label: 'OpenAI',
    api: (): FakeApi => server.openai,
    make: (idle = LONG_IDLE_SECONDS): Provider =>
      new OpenAIProvider(openaiConfig(server.baseUrl, { idle_timeout: idle })),
  },
];

async function failureOf(provider: Provider): Promise<ProviderError> {
  const error = await provider.complete(modelRequest()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe.each(apis)('$label: network faults are connection errors', ({ api, make }) => {
  it('a connection reset in the middle of the body is a retryable connection error', async () => {
    api().resetMidBody();
    const error = await failureOf(make());
    expect(error).toMatchObject({ kind: 'connection', retryable: true });
    expect(error.message).toContain('could not be reached');
  });

  it('a body that stops arriving is a retryable timeout after idle_timeout', async () => {
    api().stallMidBody();
    const started = Date.now();
    const error = await failureOf(make(SHORT_IDLE_SECONDS));
    expect(error).toMatchObject({ kind: 'connection', retryable: true });
    expect(error.message).toContain('timed out');
    expect(error.message).toContain('no data for 0.2 seconds');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a server that accepts the request and never answers is given up on after idle_timeout', async () => {
    api().hang();
    const started = Date.now();
    const error = await failureOf(make(SHORT_IDLE_SECONDS));
    expect(error).toMatchObject({ kind: 'connection', retryable: true });
    expect(error.message).toContain('no data for 0.2 seconds');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('retries a reset and a silent server, then returns the answer that follows', async () => {
    const before = api().requests.length;
    api().resetMidBody().hang().reply({ text: 'third time lucky' });
    const clock = new FakeClock();
    const provider = withApiRetry(make(1), { clock, maxWaitMs: 90_000, random: () => 0 });
    const { turn } = await provider.complete(modelRequest());
    expect(turn.text).toBe('third time lucky');
    expect(clock.sleeps).toEqual([2000, 4000]);
    expect(api().requests.length - before).toBe(3);
  });

  it('a long answer still finishes while its chunks keep coming', async () => {
    // Each chunk comes well within idle_timeout, the whole answer takes longer than it.
    api().enqueue({ trickle: { text: 'slow but steady' }, gapMs: 250 });
    const started = Date.now();
    const { turn } = await make(1).complete(modelRequest());
    expect(turn.text).toBe('slow but steady');
    expect(Date.now() - started).toBeGreaterThan(1000);
  });
});
