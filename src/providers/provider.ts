/**
 * The model boundary. The agent loop keeps the conversation in this provider-neutral shape; each
 * provider translates it to its API (Messages with tool use, Chat Completions with function tools) and
 * translates the answer back. Providers hold no conversation state of their own.
 */

/** Token counts of one model response (or a sum of them). */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
}

export const ZERO_USAGE: Usage = Object.freeze({
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
});

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_read_tokens: a.cache_read_tokens + b.cache_read_tokens,
    cache_write_tokens: a.cache_write_tokens + b.cache_write_tokens,
  };
}

/** Every token the call was billed for, as counted against rate limits and budgets. */
export function totalTokens(u: Usage): number {
  return u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_tokens;
}

/** A tool the model may call (§7.1). `inputSchema` is a JSON Schema object. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface ToolCall {
  /** Provider-assigned id, echoed back with the result. */
  id: string;
  name: string;
  /** Parsed input. When the model sent unparseable JSON this is `undefined` and `inputError` says why. */
  input: unknown;
  inputError?: string;
}

export interface ToolResult {
  callId: string;
  name: string;
  content: string;
  isError: boolean;
}

/** One model response. */
export interface ModelTurn {
  /** Text the model wrote alongside (or instead of) tool calls. */
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  /** Provider stop reason, for logs (`end_turn`, `tool_use`, `stop`, `length`, ...). */
  stopReason?: string;
}

export type Message =
  | { role: 'user'; content: string }
  | { role: 'assistant'; turn: ModelTurn }
  | { role: 'tool'; results: ToolResult[] };

export interface ModelRequest {
  system: string;
  messages: Message[];
  tools: ToolSpec[];
  /** Maximum output tokens for this response. */
  maxTokens: number;
  /** For providers that replay per task (scripted) and for logs. */
  taskId: string;
  /** 1-based attempt number within the task. */
  attempt: number;
}

/**
 * What the provider learned from the response headers about its server-side limits
 * (`anthropic-ratelimit-*`, `x-ratelimit-*`). All fields optional: local servers send none.
 */
export interface ServerRateLimits {
  requestsLimit?: number;
  requestsRemaining?: number;
  requestsReset?: Date;
  tokensLimit?: number;
  tokensRemaining?: number;
  tokensReset?: Date;
  /** Anthropic only: input and output tokens are also limited separately. */
  inputTokensLimit?: number;
  inputTokensRemaining?: number;
  inputTokensReset?: Date;
  outputTokensLimit?: number;
  outputTokensRemaining?: number;
  outputTokensReset?: Date;
}

export interface ModelResponse {
  turn: ModelTurn;
  serverLimits?: ServerRateLimits;
}

export interface Provider {
  /** Key in `provider_configs` (used in state, logs and messages). */
  readonly name: string;
  readonly type: 'claude' | 'openai' | 'scripted';
  readonly model: string;
  /**
   * One model call. Throws `ProviderError` for API failures (classified, retryable or not); never retries
   * by itself — retrying belongs to `withApiRetry` (§8.2).
   */
  complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}
