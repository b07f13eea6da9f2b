import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import {
  apiOf,
  checkFile,
  createModelRepo,
  filesContaining,
  filesUnder,
  finishCall,
  MODEL_KINDS,
  readState,
  runModelCli,
  TEST_API_KEY,
  writeCall,
  type ModelKind,
} from './model-run.js';

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

/**
 * Every place a key could slip into: the model repeats it in its text and its finish summary (so it
 * lands in agent.log, the retry prompt and prompt.txt), a hook prints its whole environment to
 * post.log, and the first attempt fails so that error.log and the retry prompt are written too.
 */
function scriptLeakyRun(kind: ModelKind): void {
  apiOf(server, kind)
    .reply({
      text: `I will not use the key ${TEST_API_KEY}.`,
      toolCalls: [writeCall('hello.txt', 'HELLO'), finishCall(`Done; the key was ${TEST_API_KEY}.`)],
    })
    .reply({ toolCalls: [writeCall('hello.txt', 'hello'), finishCall('Fixed the case.')] });
}

describe.each(MODEL_KINDS)('the API key with type: %s (slow: real hooks, real git)', (kind) => {
  it('is in no file under the state directory after a --verbose run', async () => {
    const dir = createModelRepo({
      kind,
      server,
      tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['show-env', 'check'] }],
      hooks: { 'show-env': 'env | sort', check: checkFile('hello.txt', 'hello') },
    });
    repo = dir;
    scriptLeakyRun(kind);

    const result = await runModelCli(dir, kind, ['run', 'tasks.yml', '--verbose']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(readState(dir).attempt_counts).toEqual({ hello: 2 });
    const stateDir = path.join(dir.dir, '.taskmaster');
    const files = filesUnder(stateDir);
    // The scan below must cover every kind of file a run writes, or it proves nothing.
    for (const name of ['state.json', 'state.json.bak', 'prompt.txt', 'agent.log', 'post.log', 'error.log']) {
      expect(
        files.some((f) => path.basename(f) === name),
        `${name} in ${files.join(', ')}`,
      ).toBe(true);
    }
    expect(readFileSync(path.join(stateDir, 'logs/hello/prompt.txt'), 'utf8')).toContain('Done; the key was');
    expect(readFileSync(path.join(stateDir, 'logs/hello/post.log'), 'utf8')).toContain('PATH=');
    expect(filesContaining(stateDir, TEST_API_KEY)).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(TEST_API_KEY);
  });
});
