/**
 * The provider-neutral conversation ↔ the Anthropic Messages API (tool use). Pure functions: the
 * request body to send and the `ModelTurn` read back.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { Message, ModelRequest, ModelTurn, ToolCall, ToolResult, ToolSpec } from './provider.js';

type MessageParam = Anthropic.Messages.MessageParam;
/** The only blocks built here; all of them accept a cache mark. */
type BlockParam =
  | Anthropic.Messages.TextBlockParam
  | Anthropic.Messages.ToolUseBlockParam
  | Anthropic.Messages.ToolResultBlockParam;
type CreateParams = Anthropic.Messages.MessageCreateParamsNonStreaming;

/**
 * Prompt caching: the API caches the prefix up to each marked block, in the order tools → system →
 * messages. Marking the last tool and the system prompt makes the stable part one cached prefix; marking
 * the last message lets each turn of an attempt read the turns before it from the cache. Three marks,
 * within the API's limit of four.
 */
const CACHE_MARK = { type: 'ephemeral' } as const;

/** The Messages API request for one model call. */
export function toClaudeParams(request: ModelRequest, model: string): CreateParams {
  const params: CreateParams = {
    model,
    max_tokens: request.maxTokens,
    messages: toClaudeMessages(request.messages),
  };
  // The API refuses empty text blocks, so an empty system prompt is left out rather than sent.
  if (request.system) params.system = [{ type: 'text', text: request.system, cache_control: CACHE_MARK }];
  if (request.tools.length > 0) params.tools = toClaudeTools(request.tools);
  return params;
}

function toClaudeTools(tools: ToolSpec[]): Anthropic.Messages.Tool[] {
  return tools.map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', ...tool.inputSchema },
    ...(index === tools.length - 1 ? { cache_control: CACHE_MARK } : {}),
  }));
}

/**
 * Tool results travel as a user turn of `tool_result` blocks. Consecutive user turns (results followed
 * by a nudge) are merged into one, with the results first as the API requires.
 */
export function toClaudeMessages(messages: Message[]): MessageParam[] {
  const out: { role: 'user' | 'assistant'; content: BlockParam[] }[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message);
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  markLastBlock(out.at(-1)?.content);
  return out;
}

function blocksOf(message: Message): BlockParam[] {
  switch (message.role) {
    case 'user':
      return [{ type: 'text', text: message.content || '(empty message)' }];
    case 'assistant':
      return assistantBlocks(message.turn);
    case 'tool':
      return message.results.map(toolResultBlock);
  }
}

function assistantBlocks(turn: ModelTurn): BlockParam[] {
  const blocks: BlockParam[] = [];
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  for (const call of turn.toolCalls) {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: isObject(call.input) ? call.input : {},
    });
  }
  // An assistant turn may not be empty; this one said nothing and called nothing.
  return blocks.length > 0 ? blocks : [{ type: 'text', text: '(no response)' }];
}

function toolResultBlock(result: ToolResult): BlockParam {
  return {
    type: 'tool_result',
    tool_use_id: result.callId,
    content: result.content,
    is_error: result.isError,
  };
}

function markLastBlock(blocks: BlockParam[] | undefined): void {
  const last = blocks?.at(-1);
  if (last) last.cache_control = CACHE_MARK;
}

/** The model's answer → a `ModelTurn`. Thinking and server-tool blocks are not part of the agent loop. */
export function fromClaudeMessage(message: Anthropic.Messages.Message): ModelTurn {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') toolCalls.push(toolCallOf(block));
  }
  const usage = message.usage;
  const turn: ModelTurn = {
    text: texts.join('\n'),
    toolCalls,
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_read_tokens: usage.cache_read_input_tokens ?? 0,
      cache_write_tokens: usage.cache_creation_input_tokens ?? 0,
    },
  };
  if (message.stop_reason) turn.stopReason = message.stop_reason;
  return turn;
}

function toolCallOf(block: Anthropic.Messages.ToolUseBlock): ToolCall {
  if (isObject(block.input)) return { id: block.id, name: block.name, input: block.input };
  return {
    id: block.id,
    name: block.name,
    input: undefined,
    inputError: `the tool input must be a JSON object, but the model sent ${JSON.stringify(block.input) ?? 'nothing'}`,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
