import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import { checkFile, createModelRepo, finishCall, runModelCli, writeCall } from './model-run.js';

interface CacheMarked {
  name?: string;
  type?: string;
  cache_control?: unknown;
}

interface MessagesBody {
  system?: CacheMarked[];
  tools?: CacheMarked[];
}

const EPHEMERAL = { type: 'ephemeral' };

describe('Claude prompt caching (slow: real hooks, real git)', () => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let result: CliResult;
  let bodies: MessagesBody[];
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({
      kind: 'claude',
      server,
      tasks: [{ id: 'hello', title: 'Say hello', post_hooks: ['check'] }],
      hooks: { check: checkFile('hello.txt', 'hello') },
    });
    server.anthropic
      .reply({ toolCalls: [writeCall('hello.txt', 'hello')] })
      .reply({ toolCalls: [finishCall('Wrote hello.txt.')] });
    result = await runModelCli(repo, 'claude', ['run', 'tasks.yml']);
    bodies = server.anthropic.requests.map((r) => r.body as MessagesBody);
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('completes the run', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(bodies).toHaveLength(2);
  });

  it('marks the system prompt for caching in every request', () => {
    for (const body of bodies) {
      expect(body.system).toHaveLength(1);
      expect(body.system?.[0]).toMatchObject({ type: 'text', cache_control: EPHEMERAL });
    }
  });

  it('marks the last tool, and only the last, so all the tools are one cached prefix', () => {
    for (const body of bodies) {
      const tools = body.tools ?? [];
      expect(tools.map((t) => t.name)).toEqual([
        'read_file',
        'write_file',
        'edit_file',
        'list_files',
        'search_files',
        'run_checks',
        'finish',
      ]);
      expect(tools.at(-1)?.cache_control).toEqual(EPHEMERAL);
      expect(tools.slice(0, -1).filter((t) => t.cache_control !== undefined)).toEqual([]);
    }
  });
});
