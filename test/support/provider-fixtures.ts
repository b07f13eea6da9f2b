/** Provider configs and model requests for tests that talk to the fake model server. */
import type { ProviderConfig } from '../../src/config/types.js';
import type { Message, ModelRequest, ToolSpec } from '../../src/providers/provider.js';

export const TEST_API_KEY = 'sk-test-secret-key-0123456789';

/** Changes to a config; an `undefined` value removes that key (e.g. `{ api_key: undefined }`). */
export type ConfigOverrides = { [K in keyof ProviderConfig]?: ProviderConfig[K] | undefined };

function withOverrides(base: ProviderConfig, overrides: ConfigOverrides): ProviderConfig {
  const entries = Object.entries({ ...base, ...overrides }).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as unknown as ProviderConfig;
}

export function claudeConfig(baseUrl: string, overrides: ConfigOverrides = {}): ProviderConfig {
  const config: ProviderConfig = {
    name: 'claude',
    type: 'claude',
    api_key: TEST_API_KEY,
    api_key_env: 'ANTHROPIC_API_KEY',
    model: 'claude-test',
    base_url: baseUrl,
    max_tokens: 4096,
    rate_limits: {},
  };
  return withOverrides(config, overrides);
}

export function openaiConfig(baseUrl: string, overrides: ConfigOverrides = {}): ProviderConfig {
  const config: ProviderConfig = {
    name: 'openai',
    type: 'openai',
    api_key: TEST_API_KEY,
    api_key_env: 'OPENAI_API_KEY',
    model: 'gpt-test',
    base_url: baseUrl,
    max_tokens: 4096,
    rate_limits: {},
  };
  return withOverrides(config, overrides);
}

export const TEST_TOOLS: ToolSpec[] = [
  {
    name: 'write_file',
    description: 'Create or overwrite a file.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
  },
  {
    name: 'finish',
    description: 'End the attempt.',
    inputSchema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
  },
];

export function modelRequest(
  messages: Message[] = [{ role: 'user', content: 'Do the task.' }],
): ModelRequest {
  return {
    system: 'You are a careful coding agent.',
    messages,
    tools: TEST_TOOLS,
    maxTokens: 1024,
    taskId: 'task-1',
    attempt: 1,
  };
}
