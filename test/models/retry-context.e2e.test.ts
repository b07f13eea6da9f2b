/**
 * The retry prompt after a resume (the Action's normal path: every job is a resume) carries the same
 * failure as a retry in the same process: the failing test and its assertion from the hook output, the
 * model's previous response, and from attempt 3 on a line for every earlier failed attempt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import {
  apiOf,
  createModelRepo,
  finishCall,
  MODEL_KINDS,
  readState,
  runModelCli,
  writeCall,
  type ModelKind,
} from './model-run.js';
import { attemptOpenings } from './request-view.js';

/** A pytest-like post-hook: passes when greet.txt says `hi`, else names the failing test and assertion. */
const GREET_TEST = `#!/bin/sh
actual=$(cat greet.txt 2>/dev/null)
echo "============================= test session starts =============================="
echo "collected 2 items"
echo ""
echo "tests/test_greet.py::test_loads PASSED"
if [ "$actual" = "hi" ]; then echo "tests/test_greet.py::test_greeting PASSED"; exit 0; fi
echo "tests/test_greet.py::test_greeting FAILED"
echo "=================================== FAILURES ==================================="
echo "________________________________ test_greeting _________________________________"
echo ""
echo "    def test_greeting():"
echo ">       assert read_greeting() == 'hi'"
echo "E       AssertionError: assert '$actual' == 'hi'"
echo ""
echo "tests/test_greet.py:7: AssertionError"
echo "=========================== short test summary info ============================"
echo "FAILED tests/test_greet.py::test_greeting - AssertionError: assert '$actual' == 'hi'"
echo "========================= 1 failed, 1 passed in 0.03s =========================="
exit 1
`;

const TASK = { id: 'greet', title: 'Write the greeting', post_hooks: ['test'] };

let server: FakeModelServer;
let repo: TempRepo | undefined;
beforeEach(async () => {
  server = await startFakeModelServer();
});
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await server.close();
});

function greetRepo(kind: ModelKind, maxAttempts: number): TempRepo {
  return createModelRepo({
    kind,
    server,
    tasks: [TASK],
    hooks: { test: 'sh greet-test.sh' },
    config: { max_attempts_per_task: maxAttempts },
    files: { 'greet-test.sh': GREET_TEST },
  });
}

/** Attempt n writes `words[n-1]` and says so; `hi` passes the hook. */
function scriptAttempts(kind: ModelKind, words: string[]): void {
  const api = apiOf(server, kind);
  for (const word of words) {
    api.reply({
      toolCalls: [writeCall('greet.txt', word), finishCall(`I wrote "${word}" to greet.txt as asked.`)],
    });
  }
}

describe.each(MODEL_KINDS)('the retry prompt with type: %s (slow: real hooks, real git)', (kind) => {
  it('after a decision (`retry` + `resume`) still shows the failing test, its assertion and the previous response', async () => {
    repo = greetRepo(kind, 1);
    scriptAttempts(kind, ['hello', 'hi']);

    const first = await runModelCli(repo, kind, ['run', 'tasks.yml']);
    expect(first.code, first.stderr).toBe(3);
    expect(readState(repo).status).toBe('needs_intervention');
    expect((await runModelCli(repo, kind, ['retry', 'greet'])).code).toBe(0);
    const resumed = await runModelCli(repo, kind, ['resume']);

    expect(resumed.code, resumed.stderr).toBe(0);
    const retry = attemptOpenings(apiOf(server, kind).requests)[1]?.userTexts[0] ?? '';
    expect(retry).toContain('# Retry: Write the greeting');
    expect(retry).toContain('I wrote "hello" to greet.txt as asked.');
    expect(retry).not.toContain('ended without a summary');
    expect(retry).toContain(
      "FAILED tests/test_greet.py::test_greeting - AssertionError: assert 'hello' == 'hi'",
    );
    expect(retry).toContain("E       AssertionError: assert 'hello' == 'hi'");
    expect(retry).toMatch(/failing test: test_greeting \(AssertionError: assert 'hello' == 'hi'\)/);
    expect(retry).toMatch(/Make `test_greeting`.* pass/);
    // Solved, the task leaves no failure behind in state.
    expect(readState(repo).last_failures).toEqual({});
  });

  it('after a resume is the same prompt the same process would have sent', async () => {
    const inProcess = greetRepo(kind, 2);
    scriptAttempts(kind, ['hello', 'hi']);
    expect((await runModelCli(inProcess, kind, ['run', 'tasks.yml'])).code).toBe(0);
    const unbroken = attemptOpenings(apiOf(server, kind).requests)[1]?.userTexts[0];
    inProcess.cleanup();
    apiOf(server, kind).requests.length = 0;

    repo = greetRepo(kind, 1);
    scriptAttempts(kind, ['hello', 'hi']);
    expect((await runModelCli(repo, kind, ['run', 'tasks.yml'])).code).toBe(3);
    await runModelCli(repo, kind, ['retry', 'greet']);
    expect((await runModelCli(repo, kind, ['resume'])).code).toBe(0);
    const afterResume = attemptOpenings(apiOf(server, kind).requests)[1]?.userTexts[0];

    expect(unbroken).toContain('test_greeting');
    // The repositories differ only in their temporary directory, which prompts never show.
    expect(afterResume).toBe(unbroken);
  });

  it('on attempt 3 lists the failures of attempts 1 and 2, also across a resume', async () => {
    repo = greetRepo(kind, 2);
    scriptAttempts(kind, ['hello', 'howdy', 'hi']);

    expect((await runModelCli(repo, kind, ['run', 'tasks.yml'])).code).toBe(3);
    await runModelCli(repo, kind, ['retry', 'greet']);
    const resumed = await runModelCli(repo, kind, ['resume']);

    expect(resumed.code, resumed.stderr).toBe(0);
    const openings = attemptOpenings(apiOf(server, kind).requests).map((v) => v.userTexts[0] ?? '');
    expect(openings).toHaveLength(3);
    // Attempt 2 has the one failure in full, and no list of one.
    expect(openings[1]).not.toContain('Every Failed Attempt So Far');
    const third = openings[2] ?? '';
    expect(third).toContain('This is attempt 3');
    expect(third).toContain(
      [
        '### Every Failed Attempt So Far',
        "- Attempt 1: test hook failed (exit code 1): 1 failing test: test_greeting (AssertionError: assert 'hello' == 'hi')",
        "- Attempt 2: test hook failed (exit code 1): 1 failing test: test_greeting (AssertionError: assert 'howdy' == 'hi')",
      ].join('\n'),
    );
    expect(third).toContain('I wrote "howdy" to greet.txt as asked.');
  });
});

describe('the retry prompt in one process (slow: real hooks, real git)', () => {
  it('on attempt 3 lists the failures of attempts 1 and 2', async () => {
    repo = greetRepo('claude', 3);
    scriptAttempts('claude', ['hello', 'howdy', 'hi']);

    const result = await runModelCli(repo, 'claude', ['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    const third = attemptOpenings(server.anthropic.requests)[2]?.userTexts[0] ?? '';
    expect(third).toMatch(/- Attempt 1: .*assert 'hello' == 'hi'/);
    expect(third).toMatch(/- Attempt 2: .*assert 'howdy' == 'hi'/);
  });
});
