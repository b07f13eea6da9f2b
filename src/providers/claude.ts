/**
 * The `claude` provider (§7.2): Anthropic's Messages API with tool use through `@anthropic-ai/sdk`.
 * One call per `complete`; the SDK's own retries are off because `withApiRetry` owns retrying (§8.2).
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ProviderConfig } from '../config/types.js';
import { systemClock } from '../engine/ports.js';
import type { Clock } from '../engine/ports.js';
import { fromClaudeMessage, toClaudeParams } from './claude-messages.js';
import { collectClaudeMessage } from './claude-stream.js';
import { idleTimeoutMs, withIdleTimeout } from './idle-timeout.js';
import { classifyProviderError, missingApiKeyError } from './provider-errors.js';
import type { ProviderErrorContext } from './provider-errors.js';
import type { ModelRequest, ModelResponse, Provider } from './provider.js';
import { parseAnthropicRateLimits } from './rate-limit-headers.js';
import { checkedBaseUrl, rethrowIfAborted } from './provider-support.js';

/**
 * The SDK's own timeout only runs until the response headers; `idle_timeout` (see `idle-timeout.ts`) is
 * what ends a silent connection, so this is just an outer bound.
 */
export const CLAUDE_TIMEOUT_MS = 15 * 60_000;

export interface ClaudeProviderOptions {
  /** Replaces the network, for tests. */
  fetch?: typeof fetch;
  /** Only used to turn an HTTP-date `retry-after` into a wait. */
  clock?: Clock;
}

export class ClaudeProvider implements Provider {
  readonly name: string;
  readonly type = 'claude' as const;
  readonly model: string;
  private readonly client: Anthropic | undefined;
  private readonly config: ProviderConfig;
  private readonly clock: Clock;

  constructor(config: ProviderConfig, opts: ClaudeProviderOptions = {}) {
    this.name = config.name;
    this.model = config.model;
    this.config = config;
    this.clock = opts.clock ?? systemClock;
    this.client = createClient(config, withIdleTimeout(opts.fetch ?? fetch, idleTimeoutMs(config)));
  }

  async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    if (!this.client) throw missingApiKeyError(this.errorContext(), 'ANTHROPIC_API_KEY');
    try {
      const { data: events, response } = await this.client.messages
        .create({ ...toClaudeParams(request, this.model), stream: true }, signal ? { signal } : {})
        .withResponse();
      const turn = fromClaudeMessage(await collectClaudeMessage(events));
      const serverLimits = parseAnthropicRateLimits(response.headers);
      return serverLimits ? { turn, serverLimits } : { turn };
    } catch (error) {
      rethrowIfAborted(signal);
      throw classifyProviderError(error, this.errorContext());
    }
  }

  private errorContext(): ProviderErrorContext {
    return {
      provider: this.name,
      api: 'Claude',
      model: this.model,
      apiKeyEnv: this.config.api_key_env,
      apiKey: this.config.api_key,
      baseUrl: this.config.base_url,
      now: this.clock.now(),
    };
  }
}

/**
 * `undefined` when there is no key for Anthropic's own API: the first call then says which setting is
 * missing. A custom `base_url` (a proxy or gateway) may need no key, so a placeholder is sent there.
 */
function createClient(config: ProviderConfig, customFetch: typeof fetch): Anthropic | undefined {
  const baseURL = claudeBaseUrl(config);
  const apiKey = config.api_key || (baseURL ? 'not-needed' : undefined);
  if (!apiKey) return undefined;
  return new Anthropic({
    apiKey,
    // Every option the SDK would otherwise read from the environment is given, so the config is the
    // one source of truth.
    authToken: null,
    baseURL: baseURL ?? null,
    maxRetries: 0,
    timeout: CLAUDE_TIMEOUT_MS,
    fetch: customFetch,
  });
}

/**
 * The SDK appends `/v1/messages` itself, so a `base_url` copied with a trailing `/v1` (as OpenAI-style
 * settings have it) is trimmed rather than sent to `/v1/v1/messages`.
 */
export function claudeBaseUrl(config: ProviderConfig): string | undefined {
  const url = checkedBaseUrl(config);
  if (!url) return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.origin}${path}`;
}
