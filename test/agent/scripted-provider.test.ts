import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAgentAttempt } from '../../src/agent/agent-loop.js';
import { TOOL_SPECS } from '../../src/agent/tool-specs.js';
import type { ProviderConfig } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';
import { unlimited } from '../../src/limits/call-guard.js';
import type { Message, ModelRequest } from '../../src/providers/provider.js';
import { loadScript, parseScript, ScriptedProvider } from '../../src/providers/scripted.js';
import { makeExecutor, makeRepo } from './temp-repo.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/agent');
const fixture = (name: string): string => path.join(fixtures, name);

function config(script: string | undefined): ProviderConfig {
  return {
    name: 'replay',
    type: 'scripted',
    model: '',
    max_tokens: 1000,
    rate_limits: {},
    ...(script === undefined ? {} : { script }),
  };
}

function request(
  taskId: string,
  attempt: number,
  messages: Message[] = [{ role: 'user', content: 'do it' }],
): ModelRequest {
  return { system: 'sys', messages, tools: [], maxTokens: 100, taskId, attempt };
}

/** The conversation after `n` assistant turns (their content does not matter to the script). */
function after(n: number): Message[] {
  const messages: Message[] = [{ role: 'user', content: 'do it' }];
  for (let i = 0; i < n; i++) {
    messages.push({
      role: 'assistant',
      turn: {
        text: '',
        toolCalls: [],
        usage: { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 },
      },
    });
    messages.push({ role: 'tool', results: [] });
  }
  return messages;
}

async function problemsOf(promise: Promise<unknown>): Promise<ConfigError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('ScriptedProvider', () => {
  it('plays the turns of each attempt in order, by the number of assistant messages', async () => {
    const provider = await ScriptedProvider.load(config(fixture('script.yml')));
    expect(provider).toMatchObject({ name: 'replay', type: 'scripted', model: 'script' });
    const first = await provider.complete(request('task-1', 1, after(0)));
    expect(first.turn).toMatchObject({
      text: '',
      toolCalls: [{ id: 'call_1_1', name: 'write_file', input: { path: 'hello.txt', content: 'hi\n' } }],
      stopReason: 'tool_use',
    });
    const second = await provider.complete(request('task-1', 1, after(1)));
    expect(second.turn).toMatchObject({
      text: 'Checking my work.',
      toolCalls: [{ id: 'call_1_2', name: 'run_checks', input: {} }],
    });
    const third = await provider.complete(request('task-1', 1, after(2)));
    expect(third.turn.toolCalls).toEqual([
      { id: 'call_1_3', name: 'finish', input: { summary: 'wrote hello.txt' } },
    ]);
    const attempt2 = await provider.complete(request('task-1', 2));
    expect(attempt2.turn).toMatchObject({ text: 'I could not do it', toolCalls: [], stopReason: 'end_turn' });
  });

  it('finishes with "script ended" past the last turn, for unscripted attempts and unknown tasks', async () => {
    const provider = await ScriptedProvider.load(config(fixture('script.yml')));
    const ended = { name: 'finish', input: { summary: 'script ended' } };
    expect((await provider.complete(request('task-1', 1, after(3)))).turn.toolCalls).toEqual([
      { id: 'call_1_4', ...ended },
    ]);
    expect((await provider.complete(request('task-1', 3))).turn.toolCalls).toEqual([
      { id: 'call_3_1', ...ended },
    ]);
    expect((await provider.complete(request('task-2', 1))).turn.toolCalls).toEqual([
      { id: 'call_1_1', ...ended },
    ]);
    expect((await provider.complete(request('nope', 1))).turn.toolCalls).toEqual([
      { id: 'call_1_1', ...ended },
    ]);
  });

  it('estimates usage from text length, about four characters a token', async () => {
    const provider = await ScriptedProvider.load(config(fixture('script.yml')));
    const req = request('task-1', 1, [{ role: 'user', content: 'x'.repeat(397) }]);
    const { turn } = await provider.complete(req);
    // 'sys' (3) + '[]' (2) + 397 characters = 402 → 101 tokens; the input JSON is 37 characters → 10.
    expect(turn.usage).toEqual({
      input_tokens: 101,
      output_tokens: 10,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
    });
  });

  it('reads JSON scripts too, and loads lazily when constructed directly', async () => {
    const provider = new ScriptedProvider(config(fixture('script.json')));
    expect((await provider.complete(request('task-1', 1))).turn.toolCalls).toEqual([
      { id: 'call_1_1', name: 'finish', input: { summary: 'from json' } },
    ]);
  });

  it('drives a whole attempt through the agent loop and the real tools', async () => {
    const repo = makeRepo();
    const executor = makeExecutor(repo, { runChecks: () => Promise.resolve('PASSED: test') });
    const result = await runAgentAttempt({
      provider: await ScriptedProvider.load(config(fixture('script.yml'))),
      guard: unlimited,
      executor,
      tools: TOOL_SPECS,
      system: 'sys',
      prompt: 'write hello',
      maxTurns: 10,
      maxTokens: 100,
      taskId: 'task-1',
      attempt: 1,
      estimateTokens: () => 1,
      onUsage: () => Promise.resolve(),
      onEvent: () => undefined,
      log: () => undefined,
    });
    expect(result).toMatchObject({
      ended: 'finish',
      summary: 'wrote hello.txt',
      turns: 3,
      changedFiles: ['hello.txt'],
    });
  });
});

describe('script validation', () => {
  it('reports every schema problem with its line and column', async () => {
    const file = fixture('bad-schema.yml');
    const err = await problemsOf(loadScript(file));
    const found = err.problems.map((p) => ({
      line: p.line,
      column: p.column,
      path: p.path,
      message: p.message,
    }));
    expect(found).toEqual([
      {
        line: 4,
        column: 17,
        path: 'tasks.task-1.attempts[0][0].tool',
        message: expect.stringContaining("unknown tool 'write_fiel'; did you mean 'write_file'?"),
      },
      {
        line: 6,
        column: 11,
        path: 'tasks.task-1.attempts[0][1]',
        message: expect.stringContaining('needs `tool`'),
      },
      {
        line: 6,
        column: 18,
        path: 'tasks.task-1.attempts[0][1].input',
        message: '`input` is given without `tool`',
      },
      {
        line: 7,
        column: 17,
        path: 'tasks.task-1.attempts[0][2].text',
        message: expect.stringContaining('expected string'),
      },
      { line: 9, column: 11, path: 'tasks.task-1.attempts[0][3]', message: "unknown key 'inputs'" },
      {
        line: 11,
        column: 5,
        path: 'tasks.task-2.attempts',
        message: "missing key 'attempts' (expected array)",
      },
      { line: 11, column: 5, path: 'tasks.task-2', message: "unknown key 'attempt'" },
    ]);
    expect(err.problems.every((p) => p.file === file && p.fix)).toBe(true);
    expect(err.problems[0]?.fix).toContain("use one of the agent's tools: read_file, write_file");
    expect(err.message).toContain(`${file}:4:17: tasks.task-1.attempts[0][0].tool: unknown tool`);
  });

  it('reports YAML and JSON syntax errors with their position', async () => {
    const yamlErr = await problemsOf(loadScript(fixture('bad-syntax.yml')));
    expect(yamlErr.problems[0]).toMatchObject({
      file: fixture('bad-syntax.yml'),
      line: 6,
      message: expect.stringContaining('invalid YAML/JSON'),
    });
    const jsonErr = await problemsOf(loadScript(fixture('bad-syntax.json')));
    expect(jsonErr.problems[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('invalid YAML/JSON'),
    });
  });

  it('reports a missing file, a missing `script` and an empty or non-object script', async () => {
    const missing = await problemsOf(loadScript(fixture('nope.yml')));
    expect(missing.problems[0]?.message).toContain('cannot read the script');
    const noScript = await problemsOf(ScriptedProvider.load(config(undefined)));
    expect(noScript.problems[0]).toMatchObject({ path: 'replay.script' });
    expect(() => parseScript('', '/x/empty.yml')).toThrow(/tasks: .*expected record/s);
    expect(() => parseScript('- a\n- b\n', '/x/list.yml')).toThrow(ConfigError);
  });
});
