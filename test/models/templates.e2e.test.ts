import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli-runner.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server.js';
import type { TempRepo } from '../support/temp-repo.js';
import { apiOf, createModelRepo, finishCall, MODEL_KINDS, runModelCli, writeCall } from './model-run.js';
import { attemptOpenings, viewRequest, type RequestView } from './request-view.js';

const FIXTURES = path.resolve('test/fixtures/models/prompts');
const template = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** The guide's three templates (plus a custom variable and file_contents), and its variables. */
const CONFIG = {
  prompt_templates: {
    system: '.taskmaster/prompts/system.txt',
    task: '.taskmaster/prompts/task.txt',
    retry: '.taskmaster/prompts/retry.txt',
    variables: {
      project_name: 'My Awesome Project',
      language: 'Python',
      tech_stack: 'FastAPI, PostgreSQL, React',
      coding_style: 'PEP 8, type hints required',
      team: 'Platform team',
    },
  },
  prompt_context: { include_file_contents: true },
};

const TASK = {
  id: 'greet',
  title: 'Write the greeting',
  description: 'Put the greeting in app/hello.txt.',
  requirements: ['all lower case', 'no trailing newline'],
  path: 'app',
  post_hooks: ['check'],
};

describe.each(MODEL_KINDS)('custom prompt templates with type: %s (slow: real hooks, real git)', (kind) => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let result: CliResult;
  let requests: RequestView[];
  beforeAll(async () => {
    server = await startFakeModelServer();
    repo = createModelRepo({
      kind,
      server,
      tasks: [TASK],
      hooks: { check: 'cd app && sh ../check.sh hello.txt hello' },
      config: CONFIG,
      files: {
        '.taskmaster/prompts/system.txt': template('system.txt'),
        '.taskmaster/prompts/task.txt': template('task.txt'),
        '.taskmaster/prompts/retry.txt': template('retry.txt'),
        'app/main.py': 'GREETING_FILE = "hello.txt"\n',
      },
    });
    apiOf(server, kind)
      .reply({ toolCalls: [writeCall('app/hello.txt', 'Hello')] })
      .reply({ toolCalls: [finishCall('Wrote a capitalised greeting.')] })
      .reply({ toolCalls: [writeCall('app/hello.txt', 'hello'), finishCall('Lower-cased it.')] });
    result = await runModelCli(repo, kind, ['run', 'tasks.yml']);
    requests = apiOf(server, kind).requests.map(viewRequest);
  });
  afterAll(async () => {
    repo.cleanup();
    await server.close();
  });

  it('runs both attempts with the custom templates', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(requests).toHaveLength(3);
    expect(attemptOpenings(apiOf(server, kind).requests)).toHaveLength(2);
  });

  it('leaves no {{ in any system or user message the model received', () => {
    for (const request of requests) {
      expect(request.system).not.toContain('{{');
      for (const text of request.userTexts) expect(text).not.toContain('{{');
    }
  });

  it('fills the system template with the configured variables', () => {
    for (const { system } of requests) {
      expect(system).toContain('working on My Awesome Project.');
      expect(system).toContain('Follow Python best practices');
      expect(system).toContain('Technology stack: FastAPI, PostgreSQL, React');
      expect(system).toContain('Coding style: PEP 8, type hints required');
      expect(system).toContain('Team: Platform team');
    }
  });

  it('fills the task template with the task and the repository', () => {
    const task = requests[0]?.userTexts[0] ?? '';
    expect(task).toContain('# Task: Write the greeting');
    expect(task).toContain('Put the greeting in app/hello.txt.');
    expect(task).toMatch(/all lower case[\s\S]*no trailing newline/);
    expect(task).toMatch(/## Working Directory\napp\n/);
    expect(task).toContain('main.py');
    expect(task).toContain('GREETING_FILE = "hello.txt"');
    expect(task).toContain('cd app && sh ../check.sh hello.txt hello');
  });

  it('fills the retry template with the failure of attempt 1', () => {
    const retry = requests[2]?.userTexts[0] ?? '';
    expect(retry).toContain('# Retry: Write the greeting');
    expect(retry).toContain('## Previous Attempt 2');
    expect(retry).toContain('Wrote a capitalised greeting.');
    expect(retry).toContain("FAIL: hello.txt should contain 'hello' but contains 'Hello'");
    expect(retry).toMatch(/### Failure Analysis\n\S/);
    expect(retry).toMatch(/## What to Fix\n\S/);
  });
});
