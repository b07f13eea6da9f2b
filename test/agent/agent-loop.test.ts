import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentAttempt, type AgentAttemptOptions } from '../../src/agent/agent-loop.js';
import { TOOL_SPECS } from '../../src/agent/tool-specs.js';
import type { RunEvent } from '../../src/engine/events.js';
import { ProviderError, RunPaused } from '../../src/errors.js';
import type { CallEstimate, CallGuard } from '../../src/limits/call-guard.js';
import type {
  Message,
  ModelRequest,
  ModelResponse,
  ModelTurn,
  Provider,
  ToolCall,
  Usage,
} from '../../src/providers/provider.js';
import { makeExecutor, makeRepo } from './temp-repo.js';

const usage = (input: number, output: number): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_read_tokens: 1,
  cache_write_tokens: 0,
});

let ids = 0;
const tool = (name: string, input: unknown): ToolCall => ({ id: `c${++ids}`, name, input });
const turn = (text: string, ...toolCalls: ToolCall[]): ModelTurn => ({
  text,
  toolCalls,
  usage: usage(100, 10),
});

/** A provider that plays the given turns (the last one forever) and remembers every request. */
class FakeProvider implements Provider {
  readonly name = 'fake';
  readonly type = 'claude' as const;
  readonly model = 'fake-model';
  readonly requests: ModelRequest[] = [];
  constructor(
    private readonly turns: ModelTurn[],
    private readonly trace: string[] = [],
  ) {}
  complete(request: ModelRequest): Promise<ModelResponse> {
    this.trace.push(`complete ${request.messages.length}`);
    this.requests.push({ ...request, messages: [...request.messages] });
    const next = this.turns[Math.min(this.requests.length - 1, this.turns.length - 1)];
    if (!next) throw new Error('no turns');
    return Promise.resolve({ turn: next });
  }
}

/** A guard that records what it was told. */
class RecordingGuard implements CallGuard {
  readonly before: CallEstimate[] = [];
  readonly after: Usage[] = [];
  constructor(private readonly trace: string[] = []) {}
  beforeCall(estimate: CallEstimate): Promise<void> {
    this.trace.push(`before ${estimate.tokens}`);
    this.before.push(estimate);
    return Promise.resolve();
  }
  afterCall(_estimate: CallEstimate, actual: Usage): void {
    this.trace.push('after');
    this.after.push(actual);
  }
}

interface Harness {
  opts: AgentAttemptOptions;
  events: RunEvent[];
  log: string[];
  usages: Usage[];
  repo: ReturnType<typeof makeRepo>;
}

function harness(provider: Provider, overrides: Partial<AgentAttemptOptions> = {}): Harness {
  const repo = makeRepo({ 'calc.py': 'def add(a, b):\n    return a - b\n' });
  const events: RunEvent[] = [];
  const log: string[] = [];
  const usages: Usage[] = [];
  const opts: AgentAttemptOptions = {
    provider,
    guard: new RecordingGuard(),
    executor: makeExecutor(repo),
    tools: TOOL_SPECS,
    system: 'You are a careful engineer.',
    prompt: 'Fix add().',
    maxTurns: 5,
    maxTokens: 1000,
    taskId: 'task-1',
    attempt: 2,
    estimateTokens: (req) => 1000 + req.messages.length,
    onUsage: (u) => {
      usages.push(u);
      return Promise.resolve();
    },
    onEvent: (e) => events.push(e),
    log: (line) => log.push(line),
    ...overrides,
  };
  return { opts, events, log, usages, repo };
}

describe('runAgentAttempt', () => {
  it('runs the calls before finish, then ends with the finish summary and the files written', async () => {
    const provider = new FakeProvider([
      turn(
        'Fixing it.',
        tool('edit_file', { path: 'calc.py', old_text: 'a - b', new_text: 'a + b' }),
        tool('finish', { summary: 'fixed add' }),
        tool('write_file', { path: 'after-finish.txt', content: 'x' }),
      ),
    ]);
    const h = harness(provider);
    const result = await runAgentAttempt(h.opts);
    expect(result).toEqual({
      ended: 'finish',
      summary: 'fixed add',
      turns: 1,
      usage: usage(100, 10),
      changedFiles: ['calc.py'],
    });
    expect(readFileSync(path.join(h.repo.root, 'calc.py'), 'utf8')).toContain('return a + b');
    expect(() => readFileSync(path.join(h.repo.root, 'after-finish.txt'))).toThrow();
    expect(provider.requests[0]).toMatchObject({
      system: 'You are a careful engineer.',
      messages: [{ role: 'user', content: 'Fix add().' }],
      tools: TOOL_SPECS,
      maxTokens: 1000,
      taskId: 'task-1',
      attempt: 2,
    });
  });

  it('feeds tool results back and ends on a turn without a tool call, with its text as summary', async () => {
    const provider = new FakeProvider([
      turn('', tool('read_file', { path: 'calc.py' })),
      turn('I cannot find the bug.'),
    ]);
    const h = harness(provider);
    const result = await runAgentAttempt(h.opts);
    expect(result).toMatchObject({ ended: 'no-tool-call', summary: 'I cannot find the bug.', turns: 2 });
    const second = provider.requests[1]?.messages ?? [];
    expect(second).toHaveLength(3);
    const results = (second[2] as Extract<Message, { role: 'tool' }>).results;
    expect(results).toEqual([
      {
        callId: expect.any(String),
        name: 'read_file',
        content: '   1| def add(a, b):\n   2|     return a - b',
        isError: false,
      },
    ]);
    expect(results[0]?.callId).toBe(
      (second[1] as Extract<Message, { role: 'assistant' }>).turn.toolCalls[0]?.id,
    );
  });

  it('stops at maxTurns and sums the usage of every turn', async () => {
    const provider = new FakeProvider([turn('looking', tool('list_files', {}))]);
    const h = harness(provider, { maxTurns: 3 });
    const result = await runAgentAttempt(h.opts);
    expect(result).toMatchObject({ ended: 'max-turns', turns: 3, summary: 'looking' });
    expect(result.usage).toEqual({
      input_tokens: 300,
      output_tokens: 30,
      cache_read_tokens: 3,
      cache_write_tokens: 0,
    });
    expect(h.usages).toHaveLength(3);
    expect(provider.requests).toHaveLength(3);
  });

  it('asks the guard before every call with the estimate, and reports actual usage after', async () => {
    const trace: string[] = [];
    const guard = new RecordingGuard(trace);
    const provider = new FakeProvider(
      [turn('', tool('list_files', {})), turn('', tool('finish', { summary: 's' }))],
      trace,
    );
    const h = harness(provider, {
      guard,
      onUsage: (u) => {
        trace.push(`usage ${u.input_tokens}`);
        return Promise.resolve();
      },
    });
    await runAgentAttempt(h.opts);
    expect(trace).toEqual([
      'before 1001',
      'complete 1',
      'after',
      'usage 100',
      'before 1003',
      'complete 3',
      'after',
      'usage 100',
    ]);
    expect(guard.before).toEqual([
      { provider: 'fake', taskId: 'task-1', tokens: 1001 },
      { provider: 'fake', taskId: 'task-1', tokens: 1003 },
    ]);
    expect(guard.after).toEqual([usage(100, 10), usage(100, 10)]);
  });

  it('a malformed call and an unknown tool get error results and the attempt goes on', async () => {
    const provider = new FakeProvider([
      turn(
        '',
        tool('write_file', { path: 'x.txt' }),
        { id: 'bad', name: 'read_file', input: undefined, inputError: 'Unexpected token } in JSON' },
        tool('rm_rf', { path: '.' }),
      ),
      turn('', tool('finish', { summary: 'gave up' })),
    ]);
    const h = harness(provider);
    const result = await runAgentAttempt(h.opts);
    expect(result).toMatchObject({ ended: 'finish', turns: 2 });
    const toolMessage = provider.requests[1]?.messages[2] as Extract<Message, { role: 'tool' }>;
    expect(toolMessage.results.map((r) => [r.name, r.isError])).toEqual([
      ['write_file', true],
      ['read_file', true],
      ['rm_rf', true],
    ]);
    expect(toolMessage.results[2]?.content).toContain("unknown tool 'rm_rf'");
  });

  it('a finish without a summary is an error result, not the end', async () => {
    const provider = new FakeProvider([
      turn('', tool('finish', {})),
      turn('', tool('finish', { summary: 'ok now' })),
    ]);
    const result = await runAgentAttempt(harness(provider).opts);
    expect(result).toMatchObject({ ended: 'finish', summary: 'ok now', turns: 2 });
  });

  it('emits progress events and writes a readable transcript with long inputs abbreviated', async () => {
    const provider = new FakeProvider([
      turn('Writing the file.', tool('write_file', { path: 'big.txt', content: 'y'.repeat(5000) })),
      turn('', tool('read_file', { path: '/etc/passwd' })),
      turn('Done.', tool('finish', { summary: 'wrote big.txt' })),
    ]);
    const h = harness(provider);
    await runAgentAttempt(h.opts);
    expect(h.events.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        taskId: 'task-1',
        tool: 'write_file',
        summary: 'write_file big.txt',
        isError: false,
      },
      {
        type: 'tool-call',
        taskId: 'task-1',
        tool: 'read_file',
        summary: expect.stringMatching(/^read_file \/etc\/passwd: .*absolute path/),
        isError: true,
      },
      {
        type: 'tool-call',
        taskId: 'task-1',
        tool: 'finish',
        summary: 'finish wrote big.txt',
        isError: false,
      },
    ]);
    expect(
      h.events.filter((e) => e.type === 'model-call').map((e) => e.type === 'model-call' && e.turn),
    ).toEqual([1, 2, 3]);
    expect(h.events.find((e) => e.type === 'model-response')).toMatchObject({
      provider: 'fake',
      text: 'Writing the file.',
    });
    const transcript = h.log.join('\n');
    expect(transcript).toContain('--- turn 1 (tokens in 100, out 10) ---\nWriting the file.');
    expect(transcript).toContain('> write_file {"path":"big.txt","content":"yyyy');
    expect(transcript).toContain('…(5000 chars)');
    expect(transcript).not.toContain('y'.repeat(200));
    expect(transcript).toContain("< ok: created 'big.txt'");
    expect(transcript).toContain("< error: '/etc/passwd' is an absolute path");
  });

  it('lets ProviderError and RunPaused propagate', async () => {
    const failing: Provider = {
      name: 'fake',
      type: 'openai',
      model: 'm',
      complete: () =>
        Promise.reject(new ProviderError({ provider: 'fake', kind: 'auth', message: 'bad key' })),
    };
    await expect(runAgentAttempt(harness(failing).opts)).rejects.toBeInstanceOf(ProviderError);

    const provider = new FakeProvider([turn('', tool('list_files', {}))]);
    const paused: CallGuard = {
      beforeCall: () => Promise.reject(new RunPaused('rate-limit', 'max_requests_minute reached')),
      afterCall: () => undefined,
    };
    await expect(runAgentAttempt(harness(provider, { guard: paused }).opts)).rejects.toBeInstanceOf(
      RunPaused,
    );
    expect(provider.requests).toHaveLength(0);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    const provider = new FakeProvider([turn('', tool('list_files', {}))]);
    const h = harness(provider, {
      signal: controller.signal,
      onUsage: () => {
        controller.abort(new Error('interrupted'));
        return Promise.resolve();
      },
    });
    await expect(runAgentAttempt(h.opts)).rejects.toThrow('interrupted');
    expect(provider.requests).toHaveLength(1);
  });
});
