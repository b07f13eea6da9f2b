/**
 * Every model request passes through here on its way to any provider: the system prompt, the task
 * prompts, the model's own earlier turns and every tool result (a file the model read, a hook's output
 * from `run_checks`) are masked, so no secret of the run is ever sent to a model API (see
 * docs/security.md).
 */
import type { Message, ModelRequest, Provider } from '../providers/provider.js';
import type { Redactor } from '../util/redact.js';

/** `provider` with every request masked before it is sent. Name, type and model stay the same. */
export function withRedactedRequests(provider: Provider, redact: Redactor): Provider {
  if (redact.secrets.length === 0) return provider;
  return {
    name: provider.name,
    type: provider.type,
    model: provider.model,
    complete: (request, signal) => provider.complete(redactRequest(request, redact), signal),
  };
}

export function redactRequest(request: ModelRequest, redact: Redactor): ModelRequest {
  return {
    ...request,
    system: redact(request.system),
    messages: request.messages.map((message) => redactMessage(message, redact)),
  };
}

function redactMessage(message: Message, redact: Redactor): Message {
  switch (message.role) {
    case 'user':
      return { ...message, content: redact(message.content) };
    case 'assistant': {
      const { turn } = message;
      const toolCalls = turn.toolCalls.map((call) => ({ ...call, input: redactValue(call.input, redact) }));
      return { ...message, turn: { ...turn, text: redact(turn.text), toolCalls } };
    }
    case 'tool':
      return {
        ...message,
        results: message.results.map((result) => ({ ...result, content: redact(result.content) })),
      };
  }
}

/** A tool call's parsed input: every string in it, however deep. */
function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]));
  }
  return value;
}
