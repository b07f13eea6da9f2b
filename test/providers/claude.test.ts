import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { ClaudeProvider } from '../../src/providers/claude.js';
import type { Message, ModelTurn } from '../../src/providers/provider.js';
import { startFakeModelServer } from '../support/fake-model-server.js';
import type { FakeModelServer, RecordedRequest } from '../support/fake-model-server.js';
import { claudeConfig, modelRequest, TEST_API_KEY } from '../support/provider-fixtures.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

interface ClaudeBody {
  model: string;
  max_tokens: number;
  system: unknown[];
  tools: Record<string, unknown>[];
  messages: { role: string; content: Record<string, unknown>[] }[];
}

function lastRequest(): RecordedRequest {
  const request = server.anthropic.requests.at(-1);
  if (!request) throw new Error('the fake server received no Anthropic request');
  return request;
}

const lastBody = (): ClaudeBody => lastRequest().body as ClaudeBody;

describe('ClaudeProvider', () => {
  it('sends the request to /v1/messages with the key, and reads back text, tool calls and usage', async () => {
    server.anthropic.reply({
      text: 'Writing the file.',
      toolCalls: [{ name: 'write_file', input: { path: 'a.txt', content: 'hi\n' }, id: 'toolu_a' }],
      usage: { input: 50, output: 10, cacheRead: 30, cacheWrite: 5 },
    });
    const provider = new ClaudeProvider(claudeConfig(server.baseUrl));
    const { turn } = await provider.complete(modelRequest());

    expect(turn).toEqual({
      text: 'Writing the file.',
      toolCalls: [{ id: 'toolu_a', name: 'write_file', input: { path: 'a.txt', content: 'hi\n' } }],
      usage: { input_tokens: 50, output_tokens: 10, cache_read_tokens: 30, cache_write_tokens: 5 },
      stopReason: 'tool_use',
    });
    expect(lastRequest().path).toBe('/v1/messages');
    expect(`${lastRequest().headers['authorization']} ${lastRequest().headers['x-api-key']}`).toContain(
      TEST_API_KEY,
    );
    expect(lastBody()).toMatchObject({ model: 'claude-test', max_tokens: 1024 });
  });

  it('marks the system prompt and the last tool for prompt caching', async () => {
    await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest());
    const body = lastBody();

    expect(body.system).toEqual([
      { type: 'text', text: 'You are a careful coding agent.', cache_control: { type: 'ephemeral' } },
    ]);
    expect(body.tools.map((t) => t['name'])).toEqual(['write_file', 'finish']);
    expect(body.tools[0]).not.toHaveProperty('cache_control');
    expect(body.tools[1]).toMatchObject({
      cache_control: { type: 'ephemeral' },
      input_schema: { type: 'object', required: ['summary'] },
    });
  });

  it('carries assistant tool calls and tool results back as tool_use and tool_result blocks', async () => {
    const turn: ModelTurn = {
      text: 'Writing.',
      toolCalls: [
        { id: 'toolu_1', name: 'write_file', input: { path: 'a.txt', content: 'x' } },
        { id: 'toolu_2', name: 'write_file', input: { path: '../b.txt', content: 'y' } },
      ],
      usage: { input_tokens: 1, output_tokens: 1, cache_read_tokens: 0, cache_write_tokens: 0 },
    };
    const messages: Message[] = [
      { role: 'user', content: 'Do the task.' },
      { role: 'assistant', turn },
      {
        role: 'tool',
        results: [
          { callId: 'toolu_1', name: 'write_file', content: 'Wrote a.txt', isError: false },
          { callId: 'toolu_2', name: 'write_file', content: 'Path is outside the repository', isError: true },
        ],
      },
    ];
    await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest(messages));

    expect(lastBody().messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Do the task.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Writing.' },
          { type: 'tool_use', id: 'toolu_1', name: 'write_file', input: { path: 'a.txt', content: 'x' } },
          { type: 'tool_use', id: 'toolu_2', name: 'write_file', input: { path: '../b.txt', content: 'y' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Wrote a.txt', is_error: false },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_2',
            content: 'Path is outside the repository',
            is_error: true,
            // The newest block carries the rolling cache mark, so the next turn reads this one from cache.
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ]);
  });

  it('merges a user message that follows tool results into the same user turn', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'Do the task.' },
      { role: 'tool', results: [{ callId: 'toolu_1', name: 'finish', content: 'ok', isError: false }] },
      { role: 'user', content: 'Please call a tool.' },
    ];
    await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest(messages));
    const roles = lastBody().messages.map((m) => m.role);
    expect(roles).toEqual(['user']);
    expect(lastBody().messages[0]?.content.map((b) => b['type'])).toEqual(['text', 'tool_result', 'text']);
  });

  it('counts null cache fields as zero', async () => {
    server.anthropic.reply({ text: 'Hi', usage: { input: 7, output: 3, cacheRead: null, cacheWrite: null } });
    const { turn } = await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest());
    expect(turn.usage).toEqual({
      input_tokens: 7,
      output_tokens: 3,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
    });
    expect(turn.toolCalls).toEqual([]);
    expect(turn.stopReason).toBe('end_turn');
  });

  it('reads the anthropic-ratelimit headers into server limits', async () => {
    server.anthropic.reply({
      headers: {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2025-11-16T10:01:00Z',
        'anthropic-ratelimit-tokens-limit': '40000',
        'anthropic-ratelimit-tokens-remaining': '39000',
        'anthropic-ratelimit-tokens-reset': '2025-11-16T10:00:30Z',
        'anthropic-ratelimit-output-tokens-remaining': '7000',
      },
    });
    const { serverLimits } = await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest());
    expect(serverLimits).toEqual({
      requestsLimit: 50,
      requestsRemaining: 49,
      requestsReset: new Date('2025-11-16T10:01:00Z'),
      tokensLimit: 40000,
      tokensRemaining: 39000,
      tokensReset: new Date('2025-11-16T10:00:30Z'),
      outputTokensRemaining: 7000,
    });
  });

  it('reports no server limits when the server sends none', async () => {
    const response = await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest());
    expect(response.serverLimits).toBeUndefined();
  });

  it('turns a tool input that is not an object into an input error instead of throwing', async () => {
    server.anthropic.malformedToolCall('write_file', '{"path": "a.txt"');
    const { turn } = await new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest());
    expect(turn.toolCalls[0]).toMatchObject({ name: 'write_file', input: undefined });
    expect(turn.toolCalls[0]?.inputError).toMatch(/must be a JSON object/);
  });

  it('accepts a base_url copied with a trailing /v1', async () => {
    const before = server.requests.length;
    await new ClaudeProvider(claudeConfig(`${server.baseUrl}/v1/`)).complete(modelRequest());
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/v1/messages']);
  });

  it('sends a large max_tokens without tripping the SDK guard for long non-streaming calls', async () => {
    await new ClaudeProvider(claudeConfig(server.baseUrl)).complete({ ...modelRequest(), maxTokens: 64_000 });
    expect(lastBody().max_tokens).toBe(64_000);
  });

  it('refuses a base_url that is not an http(s) URL, naming the setting', () => {
    expect(() => new ClaudeProvider(claudeConfig('localhost:8080'))).toThrow(
      /provider_configs\.claude\.base_url is "localhost:8080", which is not an http\(s\) URL/,
    );
  });

  it('says which variable to set when the key is missing, without calling the API', async () => {
    const provider = new ClaudeProvider(claudeConfig('', { api_key: undefined }));
    const error = await provider.complete(modelRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false });
    expect((error as Error).message).toMatch(/ANTHROPIC_API_KEY is empty or unset/);
  });

  it('gives an aborted call back as the abort, not as an API error', async () => {
    server.anthropic.handle(() => new Promise(() => undefined));
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const call = new ClaudeProvider(claudeConfig(server.baseUrl)).complete(modelRequest(), controller.signal);
    setTimeout(() => controller.abort(reason), 20);
    await expect(call).rejects.toBe(reason);
    server.anthropic.handle(undefined);
  });
});
