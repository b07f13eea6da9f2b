/**
 * A streamed Chat Completions answer put back together into the `ChatCompletion` the non-streaming API
 * would have returned. Streaming keeps bytes flowing during a long answer, so that a silent connection
 * can be told from a slow model (see `idle-timeout.ts`).
 */
import type OpenAI from 'openai';

type Chunk = OpenAI.Chat.ChatCompletionChunk;
type Completion = OpenAI.Chat.ChatCompletion;
type ToolCall = OpenAI.Chat.ChatCompletionMessageFunctionToolCall;

/** Reads every chunk and returns the whole completion; throws what the stream throws (resets, idle). */
export async function collectOpenAICompletion(chunks: AsyncIterable<Chunk>): Promise<Completion> {
  let head: Chunk | undefined;
  let content: string | null = null;
  let finishReason: Completion['choices'][number]['finish_reason'] | null = null;
  let usage: OpenAI.CompletionUsage | undefined;
  const calls: ToolCall[] = [];
  for await (const chunk of chunks) {
    head ??= chunk;
    // The usage chunk (`stream_options.include_usage`) comes last, with no choices.
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) content = (content ?? '') + choice.delta.content;
    for (const delta of choice.delta.tool_calls ?? []) addToolCall(calls, delta);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (!head) throw new Error('the stream ended without a single chunk');
  const message: Completion['choices'][number]['message'] = { role: 'assistant', content, refusal: null };
  const toolCalls = calls.filter((call) => call !== undefined);
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const completion: Completion = {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason ?? 'stop' }],
  };
  if (usage) completion.usage = usage;
  return completion;
}

/** The first piece of a call names it; later pieces with the same `index` add to its arguments. */
function addToolCall(calls: ToolCall[], delta: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall): void {
  const call = (calls[delta.index] ??= {
    id: '',
    type: 'function',
    function: { name: '', arguments: '' },
  });
  if (delta.id) call.id = delta.id;
  if (delta.function?.name) call.function.name += delta.function.name;
  if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
}
