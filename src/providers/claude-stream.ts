/**
 * A streamed Messages API answer put back together into the `Message` the non-streaming API would have
 * returned. Streaming keeps bytes flowing during a long answer, so that a silent connection can be told
 * from a slow model (see `idle-timeout.ts`).
 */
import type Anthropic from '@anthropic-ai/sdk';

type StreamEvent = Anthropic.Messages.RawMessageStreamEvent;
type Message = Anthropic.Messages.Message;

/** Reads every event and returns the whole message; throws what the stream throws (resets, idle). */
export async function collectClaudeMessage(events: AsyncIterable<StreamEvent>): Promise<Message> {
  let message: Message | undefined;
  // Tool input arrives as pieces of JSON text, parsed once the block is complete.
  const inputs = new Map<number, string>();
  for await (const event of events) {
    if (event.type === 'message_start') message = { ...event.message, content: [] };
    else if (message) addEvent(message, inputs, event);
  }
  if (!message) throw new Error('the stream ended before the message started');
  for (const [index, json] of inputs) setToolInput(message, index, json);
  return message;
}

function addEvent(message: Message, inputs: Map<number, string>, event: StreamEvent): void {
  switch (event.type) {
    case 'content_block_start':
      message.content[event.index] = { ...event.content_block } as Message['content'][number];
      if (event.content_block.type === 'tool_use') inputs.set(event.index, '');
      break;
    case 'content_block_delta':
      addDelta(message.content[event.index], inputs, event);
      break;
    case 'message_delta':
      message.stop_reason = event.delta.stop_reason;
      message.stop_sequence = event.delta.stop_sequence;
      mergeUsage(message.usage, event.usage);
      break;
    default:
      break;
  }
}

function addDelta(
  block: Message['content'][number] | undefined,
  inputs: Map<number, string>,
  event: Anthropic.Messages.RawContentBlockDeltaEvent,
): void {
  const { delta } = event;
  if (delta.type === 'text_delta' && block?.type === 'text') block.text += delta.text;
  else if (delta.type === 'input_json_delta')
    inputs.set(event.index, (inputs.get(event.index) ?? '') + delta.partial_json);
}

/** `message_delta` carries the final output count, and on newer servers the final input counts too. */
function mergeUsage(usage: Anthropic.Messages.Usage, delta: Anthropic.Messages.MessageDeltaUsage): void {
  usage.output_tokens = delta.output_tokens;
  if (delta.input_tokens != null) usage.input_tokens = delta.input_tokens;
  if (delta.cache_read_input_tokens != null) usage.cache_read_input_tokens = delta.cache_read_input_tokens;
  if (delta.cache_creation_input_tokens != null) {
    usage.cache_creation_input_tokens = delta.cache_creation_input_tokens;
  }
}

/**
 * An empty input means "no arguments"; text that is not JSON is kept as text, so that the agent loop
 * tells the model its tool input was not an object instead of the run failing.
 */
function setToolInput(message: Message, index: number, json: string): void {
  const block = message.content[index];
  if (block?.type !== 'tool_use') return;
  if (json.trim() === '') return;
  try {
    block.input = JSON.parse(json);
  } catch {
    block.input = json;
  }
}
