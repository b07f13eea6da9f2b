/**
 * Response bodies of the two model APIs, as the fake model server sends them: just enough JSON for the
 * real SDKs to parse, in the shapes the real services use.
 */

/** A tool call the fake model makes. */
export interface FakeToolCall {
  name: string;
  /** The tool input (an object for real tools). */
  input?: unknown;
  /**
   * Sent verbatim instead of `input`: the OpenAI `arguments` string (e.g. malformed JSON), or for
   * Anthropic the raw value of `input` (a string, which is not a valid tool input).
   */
  rawArguments?: string;
  /** Default: `toolu_<n>` / `call_<n>`. */
  id?: string;
}

/** Token counts of a fake reply, in TaskMaster's terms. `null` cache fields are sent as null. */
export interface FakeUsage {
  /** Uncached input tokens. Default 100. */
  input?: number;
  /** Default 20. */
  output?: number;
  /** Default null for Anthropic (as the API may send), absent for OpenAI. */
  cacheRead?: number | null;
  /** Anthropic only. Default null. */
  cacheWrite?: number | null;
}

/** A successful model answer. */
export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCall[];
  usage?: FakeUsage;
  /** Default: `tool_use`/`end_turn` (Anthropic), `tool_calls`/`stop` (OpenAI). */
  stopReason?: string;
  /** Extra response headers, e.g. rate-limit headers. */
  headers?: Record<string, string>;
}

export type FakeApiName = 'anthropic' | 'openai';

/** The reply a run gets when nothing else was scripted: the agent's `finish` tool. */
export const DEFAULT_REPLY: FakeReply = {
  text: 'All done.',
  toolCalls: [{ name: 'finish', input: { summary: 'Done.' } }],
};

export function replyBody(api: FakeApiName, reply: FakeReply, model: unknown, n: number): unknown {
  return api === 'anthropic' ? anthropicReply(reply, model, n) : openaiReply(reply, model, n);
}

function anthropicReply(reply: FakeReply, model: unknown, n: number): unknown {
  const calls = reply.toolCalls ?? [];
  const content: unknown[] = reply.text ? [{ type: 'text', text: reply.text }] : [];
  calls.forEach((call, i) => {
    const input = call.rawArguments ?? call.input ?? {};
    content.push({ type: 'tool_use', id: call.id ?? `toolu_${n}_${i}`, name: call.name, input });
  });
  const usage = reply.usage ?? {};
  return {
    id: `msg_${n}`,
    type: 'message',
    role: 'assistant',
    model: typeof model === 'string' ? model : 'claude-test',
    content,
    stop_reason: reply.stopReason ?? (calls.length > 0 ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: {
      input_tokens: usage.input ?? 100,
      output_tokens: usage.output ?? 20,
      cache_read_input_tokens: usage.cacheRead ?? null,
      cache_creation_input_tokens: usage.cacheWrite ?? null,
    },
  };
}

function openaiReply(reply: FakeReply, model: unknown, n: number): unknown {
  const calls = reply.toolCalls ?? [];
  const toolCalls = calls.map((call, i) => ({
    id: call.id ?? `call_${n}_${i}`,
    type: 'function',
    function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.input ?? {}) },
  }));
  const message = {
    role: 'assistant',
    content: reply.text ?? null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: typeof model === 'string' ? model : 'gpt-test',
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: reply.stopReason ?? (calls.length > 0 ? 'tool_calls' : 'stop'),
      },
    ],
    usage: openaiUsage(reply.usage ?? {}),
  };
}

function openaiUsage(usage: FakeUsage): unknown {
  const cached = usage.cacheRead ?? undefined;
  const prompt = (usage.input ?? 100) + (cached ?? 0);
  const completion = usage.output ?? 20;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: cached } }),
  };
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The API's error body for a status, with a default message when none is given. */
export function errorBody(api: FakeApiName, status: number, message?: string, code?: string): unknown {
  const text = message ?? `fake ${status} error`;
  if (api === 'anthropic') {
    const type = code ?? ANTHROPIC_ERROR_TYPES[status] ?? 'api_error';
    return { type: 'error', error: { type, message: text } };
  }
  return { error: { message: text, type: code ?? 'server_error', param: null, code: code ?? null } };
}

/** What each API answers when the account's money or quota has run out (no retry-after). */
export function quotaBody(api: FakeApiName): unknown {
  return api === 'anthropic'
    ? errorBody(
        api,
        429,
        'You have reached your specified API usage limits. You will regain access on 2025-12-01 at 00:00 UTC.',
      )
    : errorBody(
        api,
        429,
        'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
      );
}

/**
 * A reply body as the API streams it (`stream: true`): server-sent events in the order the real services
 * send them, one string per event. Tool inputs travel as JSON text in pieces, as the models write them.
 */
export function streamEvents(api: FakeApiName, body: unknown): string[] {
  return api === 'anthropic' ? anthropicEvents(body as AnthropicBody) : openaiEvents(body as OpenAIBody);
}

interface AnthropicBody {
  content: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>;
  stop_reason: string;
  usage: { output_tokens: number };
  [key: string]: unknown;
}

function anthropicEvents(body: AnthropicBody): string[] {
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const start = { ...body, content: [], stop_reason: null, usage: { ...body.usage, output_tokens: 1 } };
  const events = [event('message_start', { message: start }), event('ping', {})];
  body.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of halves(block.text ?? '')) {
        events.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
    } else {
      const content_block = { type: 'tool_use', id: block.id, name: block.name, input: {} };
      events.push(event('content_block_start', { index, content_block }));
      for (const partial_json of halves(JSON.stringify(block.input))) {
        events.push(
          event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }),
        );
      }
    }
    events.push(event('content_block_stop', { index }));
  });
  const delta = { stop_reason: body.stop_reason, stop_sequence: null };
  events.push(event('message_delta', { delta, usage: { output_tokens: body.usage.output_tokens } }));
  events.push(event('message_stop', {}));
  return events;
}

interface OpenAIBody {
  id: string;
  created: number;
  model: string;
  choices: Array<{
    message: {
      content: string | null;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    };
    finish_reason: string;
  }>;
  usage?: unknown;
}

function openaiEvents(body: OpenAIBody): string[] {
  const head = { id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model };
  const chunk = (delta: unknown, finish: string | null = null) =>
    `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const choice = body.choices[0];
  const events = [chunk({ role: 'assistant', content: '' })];
  for (const content of halves(choice?.message.content ?? '')) events.push(chunk({ content }));
  (choice?.message.tool_calls ?? []).forEach((call, index) => {
    const first = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.function.name, arguments: '' },
    };
    events.push(chunk({ tool_calls: [first] }));
    for (const args of halves(call.function.arguments)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: args } }] }));
    }
  });
  events.push(chunk({}, choice?.finish_reason ?? 'stop'));
  if (body.usage) events.push(`data: ${JSON.stringify({ ...head, choices: [], usage: body.usage })}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}

/** A text in two pieces (none when empty), so that every streamed value must be put back together. */
function halves(text: string): string[] {
  if (text === '') return [];
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)].filter((part) => part !== '');
}
