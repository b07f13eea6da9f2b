import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { OpenAIProvider, openAIBaseUrl } from '../../src/providers/openai.js';
import type { Message, ModelTurn } from '../../src/providers/provider.js';
import { startFakeModelServer } from '../support/fake-model-server.js';
import type { FakeModelServer, RecordedRequest } from '../support/fake-model-server.js';
import { modelRequest, openaiConfig, TEST_API_KEY } from '../support/provider-fixtures.js';
import type { ConfigOverrides } from '../support/provider-fixtures.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

interface ChatBody {
  model: string;
  max_tokens?: number;
  max_completion_tokens?: number;
  tools: Record<string, unknown>[];
  messages: Record<string, unknown>[];
}

function lastRequest(): RecordedRequest {
  const request = server.openai.requests.at(-1);
  if (!request) throw new Error('the fake server received no OpenAI request');
  return request;
}

const lastBody = (): ChatBody => lastRequest().body as ChatBody;
const provider = (overrides: ConfigOverrides = {}): OpenAIProvider =>
  new OpenAIProvider(openaiConfig(server.baseUrl, overrides));

describe('OpenAIProvider', () => {
  it('sends system, function tools and max_tokens to a local server, and reads back the answer', async () => {
    server.openai.reply({
      text: 'Writing.',
      toolCalls: [{ id: 'call_a', name: 'write_file', input: { path: 'a.txt', content: 'hi\n' } }],
    });
    const { turn } = await provider().complete(modelRequest());

    expect(turn).toMatchObject({
      text: 'Writing.',
      toolCalls: [{ id: 'call_a', name: 'write_file', input: { path: 'a.txt', content: 'hi\n' } }],
      stopReason: 'tool_calls',
    });
    expect(lastRequest().path).toBe('/v1/chat/completions');
    expect(lastRequest().headers['authorization']).toBe(`Bearer ${TEST_API_KEY}`);
    const body = lastBody();
    expect(body.model).toBe('gpt-test');
    expect(body.max_tokens).toBe(1024);
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body.messages.slice(0, 2)).toEqual([
      { role: 'system', content: 'You are a careful coding agent.' },
      { role: 'user', content: 'Do the task.' },
    ]);
    expect(body.tools[1]).toEqual({
      type: 'function',
      function: {
        name: 'finish',
        description: 'End the attempt.',
        parameters: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
      },
    });
  });

  it('carries tool calls and their results back as assistant tool_calls and tool messages', async () => {
    const turn: ModelTurn = {
      text: '',
      toolCalls: [{ id: 'call_1', name: 'write_file', input: { path: 'a.txt', content: 'x' } }],
      usage: { input_tokens: 1, output_tokens: 1, cache_read_tokens: 0, cache_write_tokens: 0 },
    };
    const messages: Message[] = [
      { role: 'user', content: 'Do the task.' },
      { role: 'assistant', turn },
      {
        role: 'tool',
        results: [{ callId: 'call_1', name: 'write_file', content: 'tests/ is protected', isError: true }],
      },
    ];
    await provider().complete(modelRequest(messages));

    expect(lastBody().messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'write_file', arguments: '{"path":"a.txt","content":"x"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Error: tests/ is protected' },
    ]);
  });

  it('counts cached prompt tokens once, as cache reads', async () => {
    server.openai.reply({ text: 'ok', usage: { input: 100, output: 20, cacheRead: 50 } });
    const { turn } = await provider().complete(modelRequest());
    expect(turn.usage).toEqual({
      input_tokens: 100,
      output_tokens: 20,
      cache_read_tokens: 50,
      cache_write_tokens: 0,
    });
  });

  it('reports zero usage when a local server sends none', async () => {
    // A stream without the final usage chunk, as servers that ignore `stream_options` send it.
    server.openai.enqueue({ raw: sseWithoutUsage('hi'), headers: { 'content-type': 'text/event-stream' } });
    const { turn } = await provider().complete(modelRequest());
    expect(turn).toMatchObject({ text: 'hi', toolCalls: [], stopReason: 'stop' });
    expect(turn.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
    });
  });

  it('turns malformed tool arguments into an input error instead of throwing', async () => {
    server.openai.malformedToolCall('write_file', '{"path": "a.txt", ');
    server.openai.reply({ toolCalls: [{ name: 'finish', rawArguments: '' }] });
    const first = await provider().complete(modelRequest());
    expect(first.turn.toolCalls[0]).toMatchObject({ name: 'write_file', input: undefined });
    expect(first.turn.toolCalls[0]?.inputError).toMatch(/not valid JSON .*\{"path": "a.txt", /);

    const second = await provider().complete(modelRequest());
    expect(second.turn.toolCalls[0]).toMatchObject({ name: 'finish', input: {} });
    expect(second.turn.toolCalls[0]?.inputError).toBeUndefined();
  });

  it('reads x-ratelimit headers, turning reset durations into times', async () => {
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0));
    server.openai.reply({
      headers: {
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '499',
        'x-ratelimit-reset-requests': '120ms',
        'x-ratelimit-limit-tokens': '30000',
        'x-ratelimit-remaining-tokens': '29000',
        'x-ratelimit-reset-tokens': '6m0s',
      },
    });
    const p = new OpenAIProvider(openaiConfig(server.baseUrl), { clock });
    const { serverLimits } = await p.complete(modelRequest());
    expect(serverLimits).toEqual({
      requestsLimit: 500,
      requestsRemaining: 499,
      requestsReset: new Date(Date.UTC(2025, 10, 16, 10, 0, 0, 120)),
      tokensLimit: 30000,
      tokensRemaining: 29000,
      tokensReset: new Date(Date.UTC(2025, 10, 16, 10, 6, 0)),
    });
  });

  it('sends a placeholder key to a local server when none is configured', async () => {
    await provider({ api_key: undefined, api_key_env: undefined }).complete(modelRequest());
    expect(lastRequest().headers['authorization']).toBe('Bearer not-needed');
  });

  it('says which variable to set when OpenAI itself has no key, without calling the API', async () => {
    const before = server.requests.length;
    const p = new OpenAIProvider(openaiConfig('', { api_key: undefined }));
    const error = await p.complete(modelRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('auth');
    expect((error as Error).message).toMatch(/OPENAI_API_KEY is empty or unset/);
    expect(server.requests.length).toBe(before);
  });
});

describe('OpenAI base_url', () => {
  it('adds /v1 to a bare origin and keeps any path that is given', async () => {
    const before = server.requests.length;
    await provider({ base_url: `${server.baseUrl}/` }).complete(modelRequest());
    await provider({ base_url: `${server.baseUrl}/v1` }).complete(modelRequest());
    await provider({ base_url: `${server.baseUrl}/proxy/v1/` })
      .complete(modelRequest())
      .catch(() => undefined);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/v1/chat/completions',
      '/v1/chat/completions',
      '/proxy/v1/chat/completions',
    ]);
  });

  it('leaves the SDK default when unset', () => {
    expect(openAIBaseUrl(openaiConfig(''))).toBeUndefined();
    expect(openAIBaseUrl(openaiConfig('https://api.openai.com'))).toBe('https://api.openai.com/v1');
  });

  it('uses max_completion_tokens for api.openai.com, which rejects max_tokens for newer models', async () => {
    const bodies: unknown[] = [];
    const fakeFetch: typeof fetch = (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      const headers = { 'content-type': 'text/event-stream' };
      return Promise.resolve(new Response(sseWithoutUsage('hi'), { status: 200, headers }));
    };
    const p = new OpenAIProvider(openaiConfig('https://api.openai.com/v1'), { fetch: fakeFetch });
    await p.complete(modelRequest());
    expect(bodies[0]).toMatchObject({ max_completion_tokens: 1024 });
    expect(bodies[0]).not.toHaveProperty('max_tokens');
  });
});

/** A streamed answer of `text` with no usage chunk. */
function sseWithoutUsage(text: string): string {
  const head = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'gpt-test' };
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return chunk({ role: 'assistant', content: text }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n';
}
