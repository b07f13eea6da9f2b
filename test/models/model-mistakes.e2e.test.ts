import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli-runner.js';
import {
  startFakeModelServer,
  type FakeModelServer,
  type RecordedRequest,
} from '../support/fake-model-server.js';
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
import { viewRequestAt } from './request-view.js';

const TASKS = [
  { id: 'clumsy', title: 'Write one', post_hooks: ['check-one'] },
  { id: 'talker', title: 'Write two', post_hooks: ['check-two'] },
];

/** What each API cannot parse as a tool input: broken JSON arguments, or an input that is not an object. */
const MALFORMED: Record<ModelKind, string> = {
  openai: '{"path": "one.txt", ',
  claude: 'one.txt',
};

/**
 * Task `clumsy`: a malformed call, then an unknown tool, then the real work in one attempt.
 * Task `talker`: a text-only reply ends attempt 1 (the hook fails it); in attempt 2 the model writes the
 * file and ends with text instead of `finish` (the hook passes it).
 */
function scriptModel(server: FakeModelServer, kind: ModelKind): void {
  apiOf(server, kind)
    .malformedToolCall('write_file', MALFORMED[kind])
    .reply({ toolCalls: [{ name: 'delete_file', input: { path: 'one.txt' } }] })
    .reply({ toolCalls: [writeCall('one.txt', 'one'), finishCall('Wrote one.txt.')] })
    .reply({ text: 'I believe two.txt already says two.' })
    .reply({ toolCalls: [writeCall('two.txt', 'two')] })
    .reply({ text: 'Now two.txt says two.' });
}

describe.each(MODEL_KINDS)('model mistakes with type: %s (slow: real hooks, real git)', (kind) => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let result: CliResult;
  let requests: RecordedRequest[];
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({
      kind,
      server,
      tasks: TASKS,
      hooks: { 'check-one': checkFile('one.txt', 'one'), 'check-two': checkFile('two.txt', 'two') },
    });
    scriptModel(server, kind);
    result = await runModelCli(repo, kind, ['run', 'tasks.yml']);
    requests = apiOf(server, kind).requests;
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('completes the run despite every mistake', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(requests).toHaveLength(6);
    expect(readState(repo).attempt_counts).toEqual({ clumsy: 1, talker: 2 });
    expect([repo.read('one.txt'), repo.read('two.txt')]).toEqual(['one', 'two']);
  });

  it('answers a malformed tool input with an error result that says what was expected', () => {
    const answer = viewRequestAt(requests, 1).toolResults.at(-1);
    expect(answer?.isError).toBe(true);
    expect(answer?.content).toContain('could not be parsed');
    expect(answer?.content).toContain('write_file{path: string, content: string}');
  });

  it('answers an unknown tool with an error result that lists the tools', () => {
    const answer = viewRequestAt(requests, 2).toolResults.at(-1);
    expect(answer?.isError).toBe(true);
    expect(answer?.content).toContain("unknown tool 'delete_file'");
    expect(answer?.content).toContain('read_file{path: string');
  });

  it('ends the attempt at a text-only reply and lets the hooks judge it', () => {
    // Attempt 1 of `talker` was one request: the text-only reply ended it, and check-two failed it.
    const retry = viewRequestAt(requests, 4);
    expect(retry.toolResults).toEqual([]);
    expect(retry.userTexts[0]).toContain('# Retry: Write two');
    expect(retry.userTexts[0]).toContain('I believe two.txt already says two.');
    expect(retry.userTexts[0]).toContain('FAIL: two.txt is missing');
    // Attempt 2 also ended with text, and this time check-two passed it.
    expect(readState(repo).completed_task_ids).toEqual(['clumsy', 'talker']);
  });
});
