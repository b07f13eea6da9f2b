// A loopback model server that enforces rate limits the way a provider does: requests and tokens per
// clock-aligned minute. A call that would go over is answered 429 with a retry-after for the next
// window. It speaks just enough of the Anthropic Messages and OpenAI Chat Completions APIs for the real
// SDKs, and plays a deterministic agent: each task writes a few files, then calls `finish`.
//
// Tokens are what a real server bills: the request's input (system prompt, messages, tool schemas, with
// the APIs' per-message and tool-use overheads) counted with the o200k encoding, plus the reply's output.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { minuteStart } from './ideal-schedule.mjs';

const PER_MESSAGE = 3;
const CLAUDE_TOOL_PREAMBLE = 346;

function tokensOf(text) {
  return text ? countTokens(text, { disallowedSpecial: new Set() }) : 0;
}

function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((b) => {
      if (b?.type === 'text') return b.text ?? '';
      if (b?.type === 'tool_use') return `${b.name}${JSON.stringify(b.input ?? {})}`;
      if (b?.type === 'tool_result') return contentText(b.content);
      return '';
    })
    .join('\n');
}

function messageText(api, m) {
  if (api === 'anthropic') return contentText(m.content);
  const calls = (m.tool_calls ?? []).map((c) => `${c.function?.name ?? ''}${c.function?.arguments ?? ''}`);
  return [contentText(m.content), ...calls].join('\n');
}

function toolText(api, tool) {
  const spec = api === 'openai' ? tool.function : tool;
  const schema = api === 'openai' ? spec.parameters : spec.input_schema;
  return `${spec.name}\n${spec.description ?? ''}\n${JSON.stringify(schema ?? {})}`;
}

/** Input tokens of a request body. */
export function inputTokens(api, body) {
  let total = api === 'anthropic' ? tokensOf(contentText(body.system)) + PER_MESSAGE : 0;
  for (const m of body.messages ?? []) total += PER_MESSAGE + tokensOf(messageText(api, m));
  for (const tool of body.tools ?? []) total += tokensOf(toolText(api, tool));
  if (api === 'anthropic' && (body.tools ?? []).length > 0) total += CLAUDE_TOOL_PREAMBLE;
  return total;
}

/** The content the agent writes: a small module, different for every task and turn. */
function moduleText(task, turn) {
  const lines = [`// ${task}: part ${turn + 1}, generated for the rate-limit benchmark.`];
  for (let i = 0; i < 24; i++) {
    lines.push(`export function ${task.replace(/\W/g, '_')}_${turn}_${i}(value) {`);
    lines.push(`  return value * ${i + 1} + ${turn}; // step ${i} of the ${task} calculation`);
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

/** The agent's answer for a task and turn: `writes` files, then `finish`. */
function agentTurn(task, turn, writes) {
  if (turn < writes) {
    const path = `src/${task}-${turn + 1}.js`;
    return {
      text: `Writing ${path}.`,
      call: { name: 'write_file', input: { path, content: moduleText(task, turn) } },
    };
  }
  return { text: 'Done.', call: { name: 'finish', input: { summary: `${task}: wrote ${writes} files.` } } };
}

function outputTokens(reply) {
  return tokensOf(`${reply.text}\n${reply.call.name}${JSON.stringify(reply.call.input)}`);
}

function replyBody(api, reply, usage, n) {
  if (api === 'anthropic') {
    return {
      id: `msg_${n}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-bench',
      content: [
        { type: 'text', text: reply.text },
        { type: 'tool_use', id: `toolu_${n}`, name: reply.call.name, input: reply.call.input },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  }
  const call = { name: reply.call.name, arguments: JSON.stringify(reply.call.input) };
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'gpt-bench',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text,
          tool_calls: [{ id: `call_${n}`, type: 'function', function: call }],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

function rateLimitBody(api, message) {
  return api === 'anthropic'
    ? { type: 'error', error: { type: 'rate_limit_error', message } }
    : { error: { message, type: 'requests', param: null, code: 'rate_limit_exceeded' } };
}

/** The enforcing window: counts per clock-aligned minute. */
function minuteWindow(limits) {
  let start = 0;
  let used = { requests: 0, tokens: 0 };
  return {
    /** Takes the call if it fits now; returns the ms until the next window otherwise. */
    take(now, tokens) {
      if (minuteStart(now) !== start) {
        start = minuteStart(now);
        used = { requests: 0, tokens: 0 };
      }
      const fits =
        used.requests + 1 <= (limits.requests ?? Infinity) &&
        used.tokens + tokens <= (limits.tokens ?? Infinity);
      if (!fits) return start + 60_000 - now;
      used.requests += 1;
      used.tokens += tokens;
      return 0;
    },
  };
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const ROUTES = { '/v1/messages': 'anthropic', '/v1/chat/completions': 'openai' };

/**
 * Starts the server.
 * @param {{ writes: number, limits?: { requests?: number, tokens?: number } }} opts
 *   `writes`: files each task writes before finishing; `limits`: enforced per minute (none: unlimited)
 */
export async function startLimitServer(opts) {
  const window = minuteWindow(opts.limits ?? {});
  const log = { calls: [], refused: [] };
  let n = 0;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: String(error) }));
    });
  });
  async function handle(req, res) {
    const api = ROUTES[new URL(req.url ?? '/', 'http://localhost').pathname];
    const body = await readJson(req);
    const now = Date.now();
    const text = JSON.stringify(body.messages?.[0] ?? '');
    const task = /\[\[([\w.-]+)\]\]/.exec(text)?.[1] ?? 'unknown';
    const turn = (body.messages ?? []).filter((m) => m.role === 'assistant').length;
    const reply = agentTurn(task, turn, opts.writes);
    const usage = { input: inputTokens(api, body), output: outputTokens(reply) };
    const waitMs = window.take(now, usage.input + usage.output);
    if (waitMs > 0) {
      log.refused.push({ at: now, task, turn, tokens: usage.input + usage.output });
      const headers = { 'content-type': 'application/json', 'retry-after': String(Math.ceil(waitMs / 1000)) };
      res.writeHead(429, headers).end(JSON.stringify(rateLimitBody(api, 'Rate limit exceeded.')));
      return;
    }
    log.calls.push({ at: now, task, turn, tokens: usage.input + usage.output });
    n += 1;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(replyBody(api, reply, usage, n)));
  }
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
