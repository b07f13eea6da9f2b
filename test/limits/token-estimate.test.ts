import { describe, expect, it } from 'vitest';
import type { Message, ModelRequest, ToolSpec } from '../../src/providers/provider.js';
import {
  CLAUDE_TOKEN_MARGIN,
  estimateRequestBreakdown,
  estimateRequestTokens,
  estimateTextTokens,
} from '../../src/limits/token-estimate.js';

const readFileTool: ToolSpec = {
  name: 'read_file',
  description: 'Returns the file with line numbers.',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string' }, start_line: { type: 'integer' }, end_line: { type: 'integer' } },
    required: ['path'],
  },
};

const source = Array.from(
  { length: 200 },
  (_, i) => `export function f${i}(x: number): number { return x * ${i}; }`,
).join('\n');

function request(messages: Message[], tools: ToolSpec[] = [readFileTool], maxTokens = 8192): ModelRequest {
  return {
    system: 'You are a careful software engineer. Change the code with the tools given.',
    messages,
    tools,
    maxTokens,
    taskId: 'task-1',
    attempt: 1,
  };
}

describe('estimateTextTokens', () => {
  it('counts o200k tokens of known strings', () => {
    expect(estimateTextTokens('hello world')).toBe(2);
    expect(estimateTextTokens('The quick brown fox jumps over the lazy dog.')).toBe(10);
    expect(estimateTextTokens('')).toBe(0);
  });

  it('counts special-token markers in file contents as text instead of failing', () => {
    expect(estimateTextTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });
});

describe('estimateRequestTokens', () => {
  it('stays close to the exact o200k count of a typical turn for OpenAI', () => {
    const req = request([
      { role: 'user', content: 'Add a multiply helper to src/math.ts' },
      {
        role: 'assistant',
        turn: {
          text: '',
          toolCalls: [{ id: 'c1', name: 'read_file', input: { path: 'src/math.ts' } }],
          usage: { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 },
        },
      },
      { role: 'tool', results: [{ callId: 'c1', name: 'read_file', content: source, isError: false }] },
    ]);
    const exactText = estimateTextTokens(`${req.system}Add a multiply helper to src/math.ts${source}`);
    const { input, output, total } = estimateRequestBreakdown(req, 'openai');
    expect(input).toBeGreaterThan(exactText);
    expect(input).toBeLessThan(exactText * 1.1 + 100);
    expect(output).toBe(1024);
    expect(total).toBe(input + output);
    expect(estimateRequestTokens(req, 'openai')).toBe(total);
  });

  it('adds the documented safety margin for Claude', () => {
    const req = request([{ role: 'user', content: source }], []);
    const openai = estimateRequestBreakdown(req, 'openai').input;
    const claude = estimateRequestBreakdown(req, 'claude').input;
    expect(claude).toBe(Math.ceil(openai * CLAUDE_TOKEN_MARGIN));
  });

  it('counts the tool schemas', () => {
    const withTools = estimateRequestBreakdown(request([{ role: 'user', content: 'hi' }]), 'openai').input;
    const without = estimateRequestBreakdown(request([{ role: 'user', content: 'hi' }], []), 'openai').input;
    expect(withTools - without).toBeGreaterThan(estimateTextTokens(JSON.stringify(readFileTool.inputSchema)));
  });

  it('expects at most max_tokens of output', () => {
    const req = request([{ role: 'user', content: 'hi' }], [], 300);
    expect(estimateRequestBreakdown(req, 'claude').output).toBe(300);
    expect(estimateRequestBreakdown(req, 'claude', 8192).output).toBe(1024);
  });

  it('grows with the conversation', () => {
    const first: Message = { role: 'user', content: 'Fix the failing test' };
    const grown: Message[] = [
      first,
      { role: 'tool', results: [{ callId: 'c', name: 'read_file', content: source, isError: false }] },
    ];
    expect(estimateRequestTokens(request(grown), 'claude')).toBeGreaterThan(
      estimateRequestTokens(request([first]), 'claude') + estimateTextTokens(source),
    );
  });
});
