/**
 * Offline token estimates for the pre-flight rate-limit check and the dry run. Exact counts only come
 * back with the response (`usage`), which then replaces the estimate; until then the estimate should be
 * close for a typical agent turn and err on the high side.
 *
 * Input is counted with the o200k encoding (`gpt-tokenizer`): exact for current OpenAI models. There is no
 * accurate offline tokenizer for Claude 3+ (`@anthropic-ai/tokenizer` is for older models); public
 * comparisons put Claude's counts for English and source code roughly 10–30% above o200k, so Claude input
 * is scaled by `CLAUDE_TOKEN_MARGIN`, the upper middle of that range.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ProviderType } from '../config/types.js';
import type { Message, ModelRequest, ToolSpec } from '../providers/provider.js';

/** Claude input tokens per o200k token (see the file comment). */
export const CLAUDE_TOKEN_MARGIN = 1.2;

/**
 * Expected output of one turn, capped by `max_tokens`. An agent turn is usually one tool call: an edit,
 * a read or a check is 50–500 tokens; writing a whole file is 1–3k. 1,024 covers most turns without
 * charging every call the full `max_tokens` (8,192 by default), which would make the limiter wait or
 * pause roughly 8× too early; the actual count corrects the windows after each response anyway.
 */
export const EXPECTED_OUTPUT_TOKENS = 1024;

/** Role and separator tokens around each message in both APIs' chat formats. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * Hidden tokens a provider adds when tools are sent: Anthropic documents a tool-use system prompt of
 * about 350 tokens; OpenAI wraps function definitions in a short namespace preamble.
 */
export const TOOL_OVERHEAD_TOKENS: Readonly<Record<ProviderType, number>> = {
  claude: 350,
  openai: 20,
  scripted: 0,
};

export interface TokenEstimate {
  /** Input tokens of the request (system, messages, tool schemas, overheads), after any margin. */
  input: number;
  /** Expected output tokens. */
  output: number;
  /** `input + output`: what the call is expected to count against rate limits and budgets. */
  total: number;
}

// Conversations grow by a turn at a time and are re-sent whole; counting each message once keeps a
// 40-turn attempt from re-tokenizing megabytes on every call.
const messageCache = new WeakMap<Message, number>();
const toolCache = new WeakMap<ToolSpec, number>();

/** o200k tokens of a text. Special-token markers (`<|endoftext|>`) in file contents count as plain text. */
export function estimateTextTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text, { disallowedSpecial: new Set() });
}

function countMessage(message: Message): number {
  const cached = messageCache.get(message);
  if (cached !== undefined) return cached;
  let n = MESSAGE_OVERHEAD_TOKENS;
  if (message.role === 'user') n += estimateTextTokens(message.content);
  if (message.role === 'assistant') {
    n += estimateTextTokens(message.turn.text);
    for (const call of message.turn.toolCalls)
      n += estimateTextTokens(call.name + JSON.stringify(call.input ?? null));
  }
  if (message.role === 'tool') {
    for (const result of message.results) n += MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(result.content);
  }
  messageCache.set(message, n);
  return n;
}

function countTool(tool: ToolSpec): number {
  const cached = toolCache.get(tool);
  if (cached !== undefined) return cached;
  const n = estimateTextTokens(`${tool.name}\n${tool.description}\n${JSON.stringify(tool.inputSchema)}`);
  toolCache.set(tool, n);
  return n;
}

/** Input tokens of a system prompt, messages and tools as `providerType` would count them. */
export function estimateInputTokens(
  parts: Pick<ModelRequest, 'system' | 'messages' | 'tools'>,
  providerType: ProviderType,
): number {
  let raw = estimateTextTokens(parts.system) + MESSAGE_OVERHEAD_TOKENS;
  for (const message of parts.messages) raw += countMessage(message);
  for (const tool of parts.tools) raw += countTool(tool);
  if (parts.tools.length > 0) raw += TOOL_OVERHEAD_TOKENS[providerType];
  return Math.ceil(providerType === 'claude' ? raw * CLAUDE_TOKEN_MARGIN : raw);
}

/** Expected output tokens of one turn with this `max_tokens`. */
export function expectedOutputTokens(maxTokens: number): number {
  return Math.max(0, Math.min(maxTokens, EXPECTED_OUTPUT_TOKENS));
}

/** Input and expected output of one model call. `maxTokens` defaults to the request's. */
export function estimateRequestBreakdown(
  req: ModelRequest,
  providerType: ProviderType,
  maxTokens: number = req.maxTokens,
): TokenEstimate {
  const input = estimateInputTokens(req, providerType);
  const output = expectedOutputTokens(maxTokens);
  return { input, output, total: input + output };
}

/** Tokens one model call is expected to count (input + expected output), for `CallGuard.beforeCall`. */
export function estimateRequestTokens(
  req: ModelRequest,
  providerType: ProviderType,
  maxTokens: number = req.maxTokens,
): number {
  return estimateRequestBreakdown(req, providerType, maxTokens).total;
}
