import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
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
  KEY_ENV,
  runModelCli,
  TEST_API_KEY,
  writeCall,
  type ModelKind,
} from './model-run.js';
import { runCli, testEnv } from '../support/cli-runner.js';

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

const GITHUB_TOKEN = 'ghp_RedactE2eToken0123456789abcdef';
const PASSWORD = 'pw-RedactE2e-hunter2-9876';

/**
 * A post-hook that prints every secret it can get at: the API key and the GitHub token from files the
 * test wrote (so that it prints them however clean its environment is), the password from its own
 * `env`, and the token in two pieces with a pause between, so that they arrive as two chunks. It fails
 * until hello.txt is right, so its output also reaches error.log and the retry prompt.
 */
const LEAK_SCRIPT = [
  'echo "key=$(cat leak-key.txt)"',
  'token=$(cat leak-token.txt)',
  'printf "token=%s" "$(printf %s "$token" | cut -c1-12)"',
  'sleep 0.3',
  'printf "%s\\n" "$(printf %s "$token" | cut -c13-)"',
  'echo "password=$MY_SERVICE_PASSWORD"',
  'test "$(cat hello.txt 2>/dev/null)" = hello',
  '',
].join('\n');

describe.each(MODEL_KINDS)('secrets a hook prints, with type: %s (slow: real hooks, real git)', (kind) => {
  it('reach no console, file under .taskmaster or model request, not even cut in two', async () => {
    const dir = createModelRepo({
      kind,
      server,
      tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['leak', 'check'] }],
      config: {
        hooks: {
          leak: { command: 'sh leak.sh', timeout: 30, env: { MY_SERVICE_PASSWORD: PASSWORD } },
          check: { command: checkFile('hello.txt', 'hello'), timeout: 30, quiet: true },
        },
      },
      files: { 'leak.sh': LEAK_SCRIPT, 'leak-key.txt': `${TEST_API_KEY}\n`, 'leak-token.txt': GITHUB_TOKEN },
    });
    repo = dir;
    // The model reads a file holding the key (a tool result), then fails once so the hook output is
    // sent back in the retry prompt.
    apiOf(server, kind)
      .reply({ toolCalls: [{ name: 'read_file', input: { path: 'leak-key.txt' } }] })
      .reply({ toolCalls: [writeCall('hello.txt', 'HELLO'), finishCall('Wrote it.')] })
      .reply({ toolCalls: [writeCall('hello.txt', 'hello'), finishCall('Fixed the case.')] });
    const env = testEnv({ [KEY_ENV[kind]]: TEST_API_KEY, ANTHROPIC_API_KEY: TEST_API_KEY, GITHUB_TOKEN });

    const result = await runCli(['run', 'tasks.yml', '--verbose'], {
      cwd: dir.dir,
      env,
      clock: new FakeClock(),
    });

    expect(result.code, result.stdout + result.stderr).toBe(0);
    const stateDir = path.join(dir.dir, '.taskmaster');
    const files = filesUnder(stateDir);
    for (const name of ['state.json', 'state.json.bak', 'prompt.txt', 'post.log', 'error.log']) {
      expect(
        files.some((f) => path.basename(f) === name),
        `${name} in ${files.join(', ')}`,
      ).toBe(true);
    }
    // The hook did print them, masked; the model did get the file and the hook output, masked.
    const console = result.stdout + result.stderr;
    for (const shown of ['key=***', 'token=***', 'password=***']) expect(console).toContain(shown);
    expect(readFileSync(path.join(stateDir, 'logs/hello/post.log'), 'utf8')).toContain('token=***');
    const requests = apiOf(server, kind).requests;
    expect(requests).toHaveLength(3);
    const bodies = requests.map((r) => JSON.stringify(r.body));
    expect(bodies[1]).toContain('***');
    expect(bodies[2]).toContain('password=***');
    for (const secret of [TEST_API_KEY, GITHUB_TOKEN, PASSWORD]) {
      expect(console, secret).not.toContain(secret);
      expect(filesContaining(stateDir, secret), secret).toEqual([]);
      for (const body of bodies) expect(body, secret).not.toContain(secret);
    }
    // The key travels only in the provider's own header; the others not even there.
    for (const r of requests) {
      for (const secret of [GITHUB_TOKEN, PASSWORD]) expect(JSON.stringify(r.headers)).not.toContain(secret);
    }
  });
});
