/**
 * The guide's "Agent failures: API errors" and "Resume from network failure", through the real Claude
 * SDK against a loopback fake of the Messages API: retries never use up task attempts, exhausted
 * retries pause the run for `taskmaster resume`, and an error that must not be retried fails the run
 * with its message. The API key appears nowhere the user or a hook can read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeModelServer, startFakeModelServer } from '../support/fake-model-server.js';
import { createProject, type Project } from './helpers/project.js';

const API_KEY = 'sk-ant-e2e-0123456789abcdef';

let server: FakeModelServer;
let project: Project;
beforeEach(async () => {
  server = await startFakeModelServer();
  project = createProject({
    providerName: 'claude',
    providerConfig: {
      type: 'claude',
      api_key: '${ANTHROPIC_API_KEY}',
      model: 'claude-test',
      base_url: server.baseUrl,
    },
    config: {
      hooks: {
        check: {
          // The output says "done.txt missing (42)"; the command text, which prompts list, does not.
          command:
            'env > "$MARK/env"; test -f done.txt || { echo "AssertionError: done.txt missing ($((40+2)))"; exit 1; }',
        },
      },
    },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
  });
});
afterEach(async () => {
  project.cleanup();
  await server.close();
});

const env = { ANTHROPIC_API_KEY: API_KEY };

describe('a real model API: failures and retries (slow: real SDK, loopback server, real hooks)', () => {
  it('pauses (exit 3) when retries run out, without using an attempt; resume finishes once the API answers', async () => {
    for (let i = 0; i < 5; i++) server.anthropic.drop();

    const paused = await project.run(['run', 'tasks.yml'], { env });

    expect(paused.code).toBe(3);
    expect(paused.stderr).toContain('The call to provider "claude" failed 5 times in a row');
    expect(paused.stderr).toContain('taskmaster resume');
    let state = project.state();
    expect(state).toMatchObject({ status: 'paused', pause_reason: 'api-retries' });
    expect(state.attempt_counts['task-1'] ?? 0).toBe(0);
    expect(server.anthropic.requests).toHaveLength(5);

    server.anthropic.reply({
      toolCalls: [{ name: 'write_file', input: { path: 'done.txt', content: 'done\n' } }],
    });
    const resumed = await project.run(['resume'], { env });

    expect(resumed.code, resumed.stderr).toBe(0);
    state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1']);
    expect(state.attempt_counts['task-1']).toBe(1);
    expect(server.anthropic.requests[5]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(project.marks('env').join('\n')).not.toContain(API_KEY);
    for (const text of [paused.stdout, paused.stderr, resumed.stdout, ...stateDirFiles(project)])
      expect(text).not.toContain(API_KEY);
  });

  it("sends the failing hook's output to the model in the retry request", async () => {
    server.anthropic
      .reply({ text: 'I could not find what to change.' })
      .reply({ toolCalls: [{ name: 'write_file', input: { path: 'done.txt', content: 'done\n' } }] });

    const result = await project.run(['run', 'tasks.yml'], { env });

    expect(result.code, result.stderr).toBe(0);
    const [first, retry] = server.anthropic.requests.map((r) => JSON.stringify(r.body));
    expect(first).not.toContain('done.txt missing (42)');
    expect(retry).toContain('AssertionError: done.txt missing (42)');
    expect(project.state().attempt_counts['task-1']).toBe(2);
  });

  it('fails the run (exit 1) on an error that is not retried, keeping its message in state and error.log', async () => {
    server.anthropic.fail(401, { message: 'invalid x-api-key' });

    const result = await project.run(['run', 'tasks.yml'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ Run failed:');
    expect(result.stderr).toContain('invalid x-api-key');
    expect(server.anthropic.requests).toHaveLength(1);
    const state = project.state();
    expect(state.status).toBe('failed');
    expect(state.last_errors['task-1']).toContain('invalid x-api-key');
    expect(project.log('task-1', 'error.log')).toMatch(/ERROR .*invalid x-api-key/);
  });
});

/** The text of every file under the state directory. */
function stateDirFiles(p: Project): string[] {
  const root = path.join(p.dir, '.taskmaster');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [readFileSync(full, 'utf8')];
    });
  return walk(root);
}
