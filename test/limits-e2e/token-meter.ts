/**
 * Counts the tokens of what the fake model server receives and sends, so that the usage it reports is
 * what a real server would bill and the dry-run and rate-limit checks are compared against something
 * real. o200k is OpenAI's own encoding; the per-message and tool overheads follow the APIs' documented
 * chat formats (a few tokens of role markup per message, a hidden tool-use preamble on Claude).
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { FakeApiName, FakeReply } from '../support/fake-model-server.js';

/** Role markup around each chat message. */
const PER_MESSAGE = 3;
/** Anthropic's documented tool-use system prompt (about 346 tokens with `tool_choice: auto`). */
const CLAUDE_TOOL_PREAMBLE = 346;

export function tokensOf(text: string): number {
  return text.length === 0 ? 0 : countTokens(text, { disallowedSpecial: new Set() });
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** Text a content field carries: a string, or blocks of text / tool_use / tool_result. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return list(content)
    .map((block) => {
      if (!isRecord(block)) return '';
      if (block.type === 'text') return String(block.text ?? '');
      if (block.type === 'tool_use') return `${String(block.name)}${JSON.stringify(block.input ?? {})}`;
      if (block.type === 'tool_result') return contentText(block.content);
      return '';
    })
    .join('\n');
}

function openaiMessageText(message: Json): string {
  const calls = list(message.tool_calls).map((c) => {
    const fn = isRecord(c) && isRecord(c.function) ? c.function : {};
    return `${String(fn.name ?? '')}${String(fn.arguments ?? '')}`;
  });
  return [contentText(message.content), ...calls].join('\n');
}

function toolText(tool: unknown, api: FakeApiName): string {
  if (!isRecord(tool)) return '';
  const spec = api === 'openai' && isRecord(tool.function) ? tool.function : tool;
  const schema = api === 'openai' ? spec.parameters : spec.input_schema;
  return `${String(spec.name)}\n${String(spec.description ?? '')}\n${JSON.stringify(schema ?? {})}`;
}

/** Input tokens of a Messages or Chat Completions request body. */
export function requestTokens(api: FakeApiName, body: unknown): number {
  if (!isRecord(body)) return 0;
  const messages = list(body.messages).filter(isRecord);
  let total = api === 'anthropic' ? tokensOf(contentText(body.system)) + PER_MESSAGE : 0;
  for (const m of messages) {
    const text = api === 'openai' ? openaiMessageText(m) : contentText(m.content);
    total += PER_MESSAGE + tokensOf(text);
  }
  const tools = list(body.tools);
  for (const tool of tools) total += tokensOf(toolText(tool, api));
  if (api === 'anthropic' && tools.length > 0) total += CLAUDE_TOOL_PREAMBLE;
  return total;
}

/** Output tokens of a reply: its text and each tool call's name and JSON input. */
export function replyTokens(reply: FakeReply): number {
  const calls = (reply.toolCalls ?? []).map((c) => `${c.name}${c.rawArguments ?? JSON.stringify(c.input)}`);
  return tokensOf([reply.text ?? '', ...calls].join('\n'));
}
