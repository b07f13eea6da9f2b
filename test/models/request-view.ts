/**
 * What a model saw in one request, read from the JSON the fake server recorded, in the same terms for
 * both APIs: the system prompt, the user's texts and the tool results sent back.
 */
import type { RecordedRequest } from '../support/fake-model-server.js';

export interface SeenToolResult {
  /** The call the result answers. */
  callId: string;
  content: string;
  /** Anthropic's `is_error`; for OpenAI, whether the content starts with "Error". */
  isError: boolean;
}

export interface RequestView {
  system: string;
  /** Every user text in order (the task or retry prompt first). */
  userTexts: string[];
  toolResults: SeenToolResult[];
}

interface Block {
  type?: string;
  text?: string;
  content?: unknown;
  tool_use_id?: string;
  is_error?: boolean;
}

interface ChatMessage {
  role?: string;
  content?: unknown;
  tool_call_id?: string;
}

interface Body {
  system?: unknown;
  messages?: unknown[];
}

export function viewRequest(request: RecordedRequest): RequestView {
  const body = request.body as Body;
  return request.api === 'anthropic' ? viewAnthropic(body) : viewOpenAI(body);
}

function viewAnthropic(body: Body): RequestView {
  const system = Array.isArray(body.system)
    ? (body.system as Block[]).map((b) => b.text ?? '').join('\n')
    : String(body.system ?? '');
  const view: RequestView = { system, userTexts: [], toolResults: [] };
  for (const message of (body.messages ?? []) as { role: string; content: Block[] | string }[]) {
    if (message.role !== 'user') continue;
    const blocks =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const block of blocks) addAnthropicBlock(view, block);
  }
  return view;
}

function addAnthropicBlock(view: RequestView, block: Block): void {
  if (block.type === 'text') view.userTexts.push(block.text ?? '');
  if (block.type === 'tool_result') {
    view.toolResults.push({
      callId: block.tool_use_id ?? '',
      content: textOf(block.content),
      isError: block.is_error === true,
    });
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return (content as Block[]).map((b) => b.text ?? '').join('\n');
  return '';
}

function viewOpenAI(body: Body): RequestView {
  const view: RequestView = { system: '', userTexts: [], toolResults: [] };
  for (const message of (body.messages ?? []) as ChatMessage[]) {
    const content = textOf(message.content);
    if (message.role === 'system' || message.role === 'developer') view.system += content;
    if (message.role === 'user') view.userTexts.push(content);
    if (message.role === 'tool') {
      view.toolResults.push({
        callId: message.tool_call_id ?? '',
        content,
        isError: /^error\b/i.test(content),
      });
    }
  }
  return view;
}

/** The request that opened each attempt: the first request whose only user text is the prompt. */
export function attemptOpenings(requests: RecordedRequest[]): RequestView[] {
  return requests.map(viewRequest).filter((v) => v.toolResults.length === 0 && v.userTexts.length === 1);
}

/** The view of request `index`; fails the test with the count when the model got fewer requests. */
export function viewRequestAt(requests: RecordedRequest[], index: number): RequestView {
  const request = requests[index];
  if (!request) throw new Error(`the model received ${requests.length} requests, not ${index + 1} or more`);
  return viewRequest(request);
}
