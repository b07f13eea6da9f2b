import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli-runner.js';
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
} from './model-run.js';
import { viewRequestAt } from './request-view.js';

const CHECK = readFileSync(path.resolve('test/fixtures/models/check.sh'), 'utf8');

describe.each(MODEL_KINDS)('protected_paths with type: %s (slow: real hooks, real git)', (kind) => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let result: CliResult;
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({
      kind,
      server,
      tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['check'] }],
      hooks: { check: 'sh tests/check.sh hello.txt hello' },
      config: { protected_paths: ['tests/**'] },
      files: { 'tests/check.sh': CHECK },
    });
    // The agent tries to make the test pass by rewriting it, then by editing it, then does the work.
    apiOf(server, kind)
      .reply({ toolCalls: [writeCall('tests/check.sh', 'exit 0\n')] })
      .reply({
        toolCalls: [
          { name: 'edit_file', input: { path: 'tests/check.sh', old_text: 'exit 1', new_text: 'exit 0' } },
        ],
      })
      .reply({ toolCalls: [writeCall('hello.txt', 'hello'), finishCall('Wrote hello.txt.')] });
    result = await runModelCli(repo, kind, ['run', 'tasks.yml']);
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('refuses the write with an error result the model sees in its next request', () => {
    const refused = viewRequestAt(apiOf(server, kind).requests, 1).toolResults.at(-1);
    expect(refused?.isError).toBe(true);
    expect(refused?.content).toContain('tests/check.sh');
    expect(refused?.content).toContain('protected by protected_paths');
  });

  it('refuses the edit too', () => {
    const refused = viewRequestAt(apiOf(server, kind).requests, 2).toolResults.at(-1);
    expect(refused?.isError).toBe(true);
    expect(refused?.content).toContain('protected by protected_paths');
  });

  it('leaves the protected file unchanged and lets the attempt go on', () => {
    expect(repo.read('tests/check.sh')).toBe(CHECK);
    expect(repo.git('status', '--porcelain', '--', 'tests')).toBe('');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(repo.read('hello.txt')).toBe('hello');
    expect(readState(repo).attempt_counts).toEqual({ hello: 1 });
  });
});

describe.each(MODEL_KINDS)('the judge is read-only with type: %s (slow: real hooks, real git)', (kind) => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let config: string;
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({
      kind,
      server,
      tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['check'] }],
      hooks: { check: 'sh tests/check.sh hello.txt hello' },
      files: {
        'tests/check.sh': CHECK,
        '.github/workflows/ci.yml': 'env: { TOKEN_NAME: deploy-token }\n',
      },
    });
    config = repo.read('.taskmaster.yml');
    // The agent replaces the check with `true`, looks into the workflows, then does the work.
    apiOf(server, kind)
      .reply({
        toolCalls: [
          writeCall('.taskmaster.yml', config.replace(/command: .*check\.sh.*/, 'command: "true"')),
        ],
      })
      .reply({
        toolCalls: [
          { name: 'search_files', input: { pattern: 'deploy-token', path: '.github/workflows' } },
          { name: 'search_files', input: { pattern: 'deploy-token' } },
        ],
      })
      .reply({ toolCalls: [writeCall('hello.txt', 'hello'), finishCall('Wrote hello.txt.')] });
    await runModelCli(repo, kind, ['run', 'tasks.yml']);
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('refuses write_file .taskmaster.yml with an error result naming why, and the file is unchanged', () => {
    const refused = viewRequestAt(apiOf(server, kind).requests, 1).toolResults.at(-1);
    expect(refused?.isError).toBe(true);
    expect(refused?.content).toContain("'.taskmaster.yml' is the configuration file of this run");
    expect(repo.read('.taskmaster.yml')).toBe(config);
  });

  it('refuses search_files over .github/workflows/ and leaves it out of a search of the whole repository', () => {
    const [scoped, whole] = viewRequestAt(apiOf(server, kind).requests, 2).toolResults.slice(-2);
    expect(scoped?.isError).toBe(true);
    expect(scoped?.content).toContain('is inside .github/workflows/');
    expect(whole?.isError).toBe(false);
    expect(whole?.content).toContain('no matches for /deploy-token/');
  });
});
