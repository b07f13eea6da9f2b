import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import {
  apiOf,
  checkFile,
  createModelRepo,
  finishCall,
  MODEL_KINDS,
  readState,
  runModelCli,
  writeCall,
  type ModelKind,
} from './model-run.js';
import { attemptOpenings, viewRequestAt } from './request-view.js';

const TASKS = [
  { id: 'one', title: 'Write one', description: 'Put "one" in out/one.txt.', post_hooks: ['check-one'] },
  { id: 'two', title: 'Write two', description: 'Put "two" in out/two.txt.', post_hooks: ['check-two'] },
  {
    id: 'three',
    title: 'Write three',
    description: 'Put "three" in out/three.txt.',
    post_hooks: ['check-three'],
  },
];

const HOOKS = {
  'check-one': checkFile('out/one.txt', 'one'),
  'check-two': checkFile('out/two.txt', 'two'),
  'check-three': checkFile('out/three.txt', 'three'),
};

/** Task two's first attempt writes the wrong text; its retry gets it right. */
function scriptModel(server: FakeModelServer, kind: ModelKind): void {
  apiOf(server, kind)
    .reply({ text: 'Writing the file.', toolCalls: [writeCall('out/one.txt', 'one')] })
    .reply({ toolCalls: [finishCall('Wrote out/one.txt.')] })
    .reply({ toolCalls: [writeCall('out/two.txt', 'TWO?')] })
    .reply({ toolCalls: [finishCall('Wrote out/two.txt in capitals.')] })
    .reply({ toolCalls: [writeCall('out/two.txt', 'two'), finishCall('Fixed the case of out/two.txt.')] })
    .reply({ toolCalls: [writeCall('out/three.txt', 'three'), finishCall('Wrote out/three.txt.')] });
}

describe.each(MODEL_KINDS)('a three-task run with type: %s (slow: real hooks, real git)', (kind) => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let result: CliResult;
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({ kind, server, tasks: TASKS, hooks: HOOKS });
    scriptModel(server, kind);
    result = await runModelCli(repo, kind, ['run', 'tasks.yml']);
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('completes every task, retrying the one whose hook failed', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Run complete: 3 of 3 tasks completed');
    expect(['one', 'two', 'three'].map((n) => repo.read(`out/${n}.txt`))).toEqual(['one', 'two', 'three']);
    const state = readState(repo);
    expect(state.status).toBe('completed');
    expect(state.completed_task_ids).toEqual(['one', 'two', 'three']);
    expect(state.attempt_counts).toEqual({ one: 1, two: 2, three: 1 });
    // Six responses of 100 input and 20 output tokens each (the fake's default usage).
    expect(state.token_usage.by_provider[kind]).toMatchObject({ input_tokens: 600, output_tokens: 120 });
    expect(apiOf(server, kind).requests).toHaveLength(6);
    expect(apiOf(server, kind).pending).toBe(0);
  });

  it('sends the failing hook, its exit code, its failing line and the previous response on the retry', () => {
    const openings = attemptOpenings(apiOf(server, kind).requests);
    expect(openings).toHaveLength(4);
    const retry = openings[2]?.userTexts[0] ?? '';
    expect(retry).toContain('# Retry: Write two');
    expect(retry).toContain('Command: sh check.sh out/two.txt two');
    expect(retry).toContain('Exit: exit code 1');
    expect(retry).toContain("FAIL: out/two.txt should contain 'two' but contains 'TWO?'");
    expect(retry).toContain('Wrote out/two.txt in capitals.');
    // A task's first attempt gets the task prompt, and the next task starts without the old failure.
    expect(openings[1]?.userTexts[0]).toContain('# Task: Write two');
    expect(openings[3]?.userTexts[0]).toContain('# Task: Write three');
    expect(openings[3]?.userTexts[0]).not.toContain('TWO?');
  });

  it('returns each tool result to the model in the next request of the attempt', () => {
    const second = viewRequestAt(apiOf(server, kind).requests, 1);
    expect(second.userTexts[0]).toContain('# Task: Write one');
    expect(second.toolResults).toHaveLength(1);
    expect(second.toolResults[0]?.isError).toBe(false);
    expect(second.toolResults[0]?.content).toMatch(/out\/one\.txt/);
  });
});
