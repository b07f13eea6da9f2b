/**
 * The `openai` provider (§7.2): Chat Completions with function tools through the `openai` SDK, for
 * OpenAI itself and for any OpenAI-compatible server named by `base_url`. The SDK's own retries are off
 * because `withApiRetry` owns retrying (§8.2).
 */
import OpenAI from 'openai';
import type { ProviderConfig } from '../config/types.js';
import { systemClock } from '../engine/ports.js';
import type { Clock } from '../engine/ports.js';
import { fromOpenAICompletion, toOpenAIParams } from './openai-messages.js';
import type { MaxTokensField } from './openai-messages.js';
import { collectOpenAICompletion } from './openai-stream.js';
import { idleTimeoutMs, withIdleTimeout } from './idle-timeout.js';
import { classifyProviderError, missingApiKeyError } from './provider-errors.js';
import type { ProviderErrorContext } from './provider-errors.js';
import type { ModelRequest, ModelResponse, Provider } from './provider.js';
import { checkedBaseUrl, rethrowIfAborted } from './provider-support.js';
import { parseOpenAIRateLimits } from './rate-limit-headers.js';

/** An outer bound on the time to the response headers; `idle_timeout` ends a silent connection. */
export const OPENAI_TIMEOUT_MS = 15 * 60_000;

const OPENAI_API_HOST = 'api.openai.com';

export interface OpenAIProviderOptions {
  /** Replaces the network, for tests. */
  fetch?: typeof fetch;
  /** Turns `x-ratelimit-reset-*` durations and HTTP-date `retry-after` values into times. */
  clock?: Clock;
}

export class OpenAIProvider implements Provider {
  readonly name: string;
  readonly type = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI | undefined;
  private readonly config: ProviderConfig;
  private readonly clock: Clock;
  private readonly maxTokensField: MaxTokensField;

  constructor(config: ProviderConfig, opts: OpenAIProviderOptions = {}) {
    this.name = config.name;
    this.model = config.model;
    this.config = config;
    this.clock = opts.clock ?? systemClock;
    const baseURL = openAIBaseUrl(config);
    this.maxTokensField = maxTokensFieldFor(baseURL);
    this.client = createClient(config, baseURL, withIdleTimeout(opts.fetch ?? fetch, idleTimeoutMs(config)));
  }

  async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
    if (!this.client) throw missingApiKeyError(this.errorContext(), 'OPENAI_API_KEY');
    try {
      const params = toOpenAIParams(request, this.model, this.maxTokensField);
      // `include_usage` asks for a last chunk with the token counts, which budgets and limits need.
      const { data: chunks, response } = await this.client.chat.completions
        .create(
          { ...params, stream: true, stream_options: { include_usage: true } },
          signal ? { signal } : {},
        )
        .withResponse();
      const turn = fromOpenAICompletion(await collectOpenAICompletion(chunks), this.name);
      const serverLimits = parseOpenAIRateLimits(response.headers, this.clock.now());
      return serverLimits ? { turn, serverLimits } : { turn };
    } catch (error) {
      rethrowIfAborted(signal);
      throw classifyProviderError(error, this.errorContext());
    }
  }

  private errorContext(): ProviderErrorContext {
    return {
      provider: this.name,
      api: 'OpenAI',
      model: this.model,
      apiKeyEnv: this.config.api_key_env,
      apiKey: this.config.api_key,
      baseUrl: this.config.base_url,
      now: this.clock.now(),
    };
  }
}

/**
 * Local servers take any key but the SDK insists on one, so a placeholder goes to them. OpenAI's own API
 * without a key gets `undefined`: the first call then says which setting is missing.
 */
function createClient(config: ProviderConfig, baseURL: string | undefined, customFetch: typeof fetch) {
  const apiKey = config.api_key || (baseURL && !isOpenAIHost(baseURL) ? 'not-needed' : undefined);
  if (!apiKey) return undefined;
  return new OpenAI({
    apiKey,
    // Every option the SDK would otherwise read from the environment is given, so the config is the
    // one source of truth.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    baseURL: baseURL ?? null,
    maxRetries: 0,
    timeout: OPENAI_TIMEOUT_MS,
    fetch: customFetch,
  });
}

/**
 * The SDK appends `/chat/completions` to `base_url`, so the URL must include the API's `/v1`
 * (`http://127.0.0.1:11434/v1` for Ollama). A bare origin such as `http://127.0.0.1:8000` is taken to
 * mean that server's `/v1`; any other path is kept exactly as given.
 */
export function openAIBaseUrl(config: ProviderConfig): string | undefined {
  const url = checkedBaseUrl(config);
  if (!url) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path || '/v1'}`;
}

/**
 * OpenAI deprecated `max_tokens` for Chat Completions and its reasoning models reject it, asking for
 * `max_completion_tokens`; local servers (Ollama, vLLM, LM Studio, llama.cpp) have long understood
 * `max_tokens` and some ignore the newer name. So OpenAI's own host gets the new field, others the old.
 */
function maxTokensFieldFor(baseURL: string | undefined): MaxTokensField {
  return !baseURL || isOpenAIHost(baseURL) ? 'max_completion_tokens' : 'max_tokens';
}

function isOpenAIHost(baseURL: string): boolean {
  return new URL(baseURL).hostname === OPENAI_API_HOST;
}
