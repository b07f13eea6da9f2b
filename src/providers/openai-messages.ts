/**
 * The provider-neutral conversation ↔ OpenAI Chat Completions with function tools, the surface that
 * OpenAI-compatible servers (Ollama, vLLM, LM Studio, LiteLLM) share. Pure functions.
 */
import type OpenAI from 'openai';
import { ProviderError } from '../errors.js';
import type { Message, ModelRequest, ModelTurn, ToolCall, ToolSpec, Usage } from './provider.js';

type ChatMessage = OpenAI.Chat.ChatCompletionMessageParam;
type CreateParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

/** Which field carries the output limit; see `openAIBaseUrl` for how it is chosen. */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

/** The Chat Completions request for one model call. */
export function toOpenAIParams(
  request: ModelRequest,
  model: string,
  maxTokensField: MaxTokensField,
): CreateParams {
  const params: CreateParams = { model, messages: toOpenAIMessages(request.system, request.messages) };
  params[maxTokensField] = request.maxTokens;
  // Some local servers reject an empty `tools` array, so it is left out instead.
  if (request.tools.length > 0) params.tools = request.tools.map(toOpenAITool);
  return params;
}

function toOpenAITool(tool: ToolSpec): OpenAI.Chat.ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  };
}

export function toOpenAIMessages(system: string, messages: Message[]): ChatMessage[] {
  const out: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of messages) out.push(...chatMessagesOf(message));
  return out;
}

function chatMessagesOf(message: Message): ChatMessage[] {
  switch (message.role) {
    case 'user':
      return [{ role: 'user', content: message.content }];
    case 'assistant':
      return [assistantMessage(message.turn)];
    case 'tool':
      // Chat Completions has no error flag on tool results, so the content itself must say so.
      return message.results.map((r) => ({
        role: 'tool',
        tool_call_id: r.callId,
        content: r.isError && !/^error\b/i.test(r.content) ? `Error: ${r.content}` : r.content,
      }));
  }
}

function assistantMessage(turn: ModelTurn): ChatMessage {
  if (turn.toolCalls.length === 0) return { role: 'assistant', content: turn.text };
  return {
    role: 'assistant',
    content: turn.text || null,
    tool_calls: turn.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) },
    })),
  };
}

/** The model's answer → a `ModelTurn`. Malformed tool arguments become `inputError`, never a throw. */
export function fromOpenAICompletion(completion: OpenAI.Chat.ChatCompletion, provider: string): ModelTurn {
  const choice = completion.choices[0];
  if (!choice) {
    throw new ProviderError({
      provider,
      kind: 'invalid-response',
      message: `The server behind provider "${provider}" returned a completion with no choices.`,
    });
  }
  const calls = choice.message.tool_calls ?? [];
  const turn: ModelTurn = {
    text: choice.message.content ?? '',
    toolCalls: calls.map((call, index) => toolCallOf(call, index)),
    usage: usageOf(completion.usage),
  };
  if (choice.finish_reason) turn.stopReason = choice.finish_reason;
  return turn;
}

function toolCallOf(call: OpenAI.Chat.ChatCompletionMessageToolCall, index: number): ToolCall {
  // Some local servers send no call id; the result still needs one to point back at its call.
  const id = call.id || `call_${index}`;
  if (call.type !== 'function') {
    return { id, name: call.custom.name, input: undefined, inputError: 'only function tools are supported' };
  }
  const parsed = parseArguments(call.function.arguments);
  return 'error' in parsed
    ? { id, name: call.function.name, input: undefined, inputError: parsed.error }
    : { id, name: call.function.name, input: parsed.value };
}

function parseArguments(text: string): { value: Record<string, unknown> } | { error: string } {
  // An empty string is how several servers spell "no arguments".
  if (text.trim() === '') return { value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: `the tool arguments are not valid JSON (${reason}): ${preview(text)}` };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { value: value as Record<string, unknown> };
  }
  return { error: `the tool arguments must be a JSON object, but the model sent ${preview(text)}` };
}

function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** Cached prompt tokens are part of `prompt_tokens`; they are counted once, as cache reads. */
export function usageOf(usage: OpenAI.CompletionUsage | undefined): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_tokens: cached,
    cache_write_tokens: 0,
  };
}
