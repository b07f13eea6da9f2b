import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { DefaultPromptBuilder } from '../../src/prompts/prompt-builder.js';
import type { PreviousAttempt } from '../../src/prompts/types.js';
import { TEMPLATE_VARIABLES } from '../../src/prompts/variables.js';
import { config, fixture, gitRepo, hookConfig, hookResult, task, writeFiles } from './fixtures.js';

let root: string;

beforeAll(() => {
  root = gitRepo({
    'app/models.py': 'class Account:\n    pass\n',
    'tests/test_models.py': 'def test_user():\n    from app.models import User\n',
    'pyproject.toml': '[project]\nname = "shop"\n',
  });
  writeFiles(root, { 'app/users.py': 'USERS = []\n', '.taskmaster/state.json': '{}' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const builder = new DefaultPromptBuilder({ tmpRoots: ['/tmp'] });

function previous(overrides: Partial<PreviousAttempt> = {}): PreviousAttempt {
  const output = fixture('pytest-run1.txt');
  return {
    attempt: 1,
    response: 'Added a User model in app/models.py.',
    failedHooks: [hookResult({ output })],
    error: 'test hook failed (exit code 1)',
    ...overrides,
  };
}

function customTemplates(dir: string, files: Record<string, string>) {
  const paths: Record<string, string> = {};
  mkdirSync(join(dir, '.taskmaster', 'prompts'), { recursive: true });
  for (const [kind, text] of Object.entries(files)) {
    const path = join(dir, '.taskmaster', 'prompts', `${kind}.txt`);
    writeFileSync(path, text);
    paths[kind] = path;
  }
  return paths;
}

describe('DefaultPromptBuilder with the built-in templates', () => {
  it('explains every tool, how work is judged, and finish in the system prompt', async () => {
    const { system } = await builder.build({ config: config(root), task: task(), attempt: 1 });
    for (const tool of [
      'read_file',
      'write_file',
      'edit_file',
      'list_files',
      'search_files',
      'run_checks',
      'finish',
    ]) {
      expect(system).toContain(`- ${tool} {`);
    }
    expect(system).toMatch(/post-hooks/);
    expect(system).toMatch(/Do not weaken, skip or delete tests/);
    expect(system).toContain(`working on ${basename(root)}.`);
    expect(system).toContain('- Language: Python');
    expect(system).toContain('- Technology stack: Python (pyproject.toml)');
    expect(system).not.toContain('Coding style');
  });

  it('takes project name, language, stack and style from prompt_templates.variables when set', async () => {
    const variables = {
      project_name: 'Shop',
      language: 'Kotlin',
      tech_stack: 'Ktor',
      coding_style: 'ktlint',
    };
    const cfg = config(root, { prompt_templates: { variables } });
    const { system } = await builder.build({ config: cfg, task: task(), attempt: 1 });
    expect(system).toContain('working on Shop.');
    expect(system).toContain('- Language: Kotlin\n- Technology stack: Ktor\n- Coding style: ktlint\n');
    expect(system).toContain('Kotlin best practices');
  });

  it('attempt 1 is the task prompt with description, requirements, context and hooks', async () => {
    const { user } = await builder.build({ config: config(root), task: task(), attempt: 1 });
    expect(user).toMatch(/^# Task: Create User model\n/);
    expect(user).toContain('## Requirements\n- email is unique\n- password is stored hashed\n');
    expect(user).toContain('## Current Repository State\n```\n?? app/users.py\n```');
    expect(user).toContain(
      '## Files in Working Directory\napp/models.py\napp/users.py\npyproject.toml\ntests/test_models.py\n',
    );
    expect(user).toContain('- test: pytest tests/ -v (Run test suite)');
    expect(user).not.toContain('## File Contents');
    expect(user).not.toContain('Retry');
    expect(user).not.toContain('{{');
  });

  it('drops empty sections instead of showing empty headings', async () => {
    const cfg = config(root, {
      prompt_context: {
        include_git_status: false,
        include_file_list: false,
        include_file_contents: false,
        max_files_listed: 10,
        max_file_size: 100,
        include_patterns: [],
        exclude_patterns: [],
      },
    });
    const { user } = await builder.build({ config: cfg, task: task({ requirements: [] }), attempt: 1 });
    expect(user).not.toMatch(/## (Requirements|Current Repository State|Files in Working Directory)/);
    expect(user).not.toMatch(/\n{3}/);
  });

  it('later attempts use the retry prompt: task restated, hook command, exit code, failing lines, previous response', async () => {
    const { user } = await builder.build({
      config: config(root),
      task: task(),
      attempt: 2,
      previous: previous(),
    });
    expect(user).toMatch(/^# Retry: Create User model\n/);
    expect(user).toContain('This is attempt 2');
    expect(user).toContain('### Description\nSQLAlchemy User model with email and password hash.');
    expect(user).toContain('### Requirements\n- email is unique');
    expect(user).toContain('### Agent Response\nAdded a User model in app/models.py.');
    expect(user).toContain('Command: pytest tests/ -v\nExit: exit code 1\n');
    expect(user).toContain('E       assert 401 == 200');
    expect(user).toContain(
      '### Failure Analysis\ntest hook failed (exit code 1): 3 failing tests: test_login (AssertionError: assert 401 == 200)',
    );
    expect(user).toContain('## What to Fix\n- Make `test_login` (tests/test_auth.py:5) pass');
    expect(user).not.toContain('{{');
  });

  it('the retry prompt shows the count of lines cut from long output', async () => {
    const long = [
      ...Array.from({ length: 400 }, (_v, i) => `tests/test_${i}.py::test_ok PASSED`),
      fixture('pytest-run1.txt'),
    ];
    const prev = previous({ failedHooks: [hookResult({ output: long.join('\n') })] });
    const { user } = await builder.build({ config: config(root), task: task(), attempt: 3, previous: prev });
    expect(user).toMatch(/Output \(453 lines, 333 cut from the middle\):/);
    expect(user).toContain('[... 333 lines cut ...]');
    expect(user).toContain('FAILED tests/test_auth.py::test_login - assert 401 == 200');
  });

  it('after a resume (no hook output kept) the stored error stands in', async () => {
    const prev = previous({
      response: '',
      failedHooks: [],
      error: 'test hook failed: AssertionError in test_login',
    });
    const { user } = await builder.build({ config: config(root), task: task(), attempt: 2, previous: prev });
    expect(user).toContain('(the previous attempt ended without a summary)');
    expect(user).toContain('```\ntest hook failed: AssertionError in test_login\n```');
  });
});

describe('DefaultPromptBuilder with custom templates', () => {
  it('renders a template using every variable with nothing left unreplaced, on attempt 1 and on a retry', async () => {
    const text = fixture('every-variable.txt');
    for (const name of TEMPLATE_VARIABLES) expect(text).toContain(`{{${name}}}`);
    const paths = customTemplates(root, { system: text, task: text, retry: text });
    const cfg = config(root, {
      prompt_templates: { ...paths, variables: { team: 'payments', coding_style: 'PEP 8' } },
      prompt_context: { ...config(root).prompt_context, include_file_contents: true },
    });
    for (const inputs of [{ attempt: 1 }, { attempt: 2, previous: previous() }]) {
      const { system, user } = await builder.build({ config: cfg, task: task(), ...inputs });
      expect(system).toBe(user);
      expect(user).not.toContain('{{');
      expect(user).toContain('team=payments\n');
      expect(user).toContain('style=PEP 8\n');
      expect(user).toContain('id=auth-1\n');
      expect(user).toContain(`attempt=${inputs.attempt}\n`);
      expect(user).toContain('contents=### app/models.py\n```\nclass Account:');
    }
  });

  it("renders the guide's example templates exactly as written (no tidying)", async () => {
    const paths = customTemplates(root, {
      system: fixture('guide-system.txt'),
      task: fixture('guide-task.txt'),
      retry: fixture('guide-retry.txt'),
    });
    const cfg = config(root, {
      prompt_templates: {
        ...paths,
        variables: {
          project_name: 'My Awesome Project',
          language: 'Python',
          tech_stack: 'FastAPI, PostgreSQL, React',
          coding_style: 'PEP 8, type hints required',
        },
      },
    });
    const first = await builder.build({ config: cfg, task: task({ requirements: [] }), attempt: 1 });
    expect(first.system).toBe(
      fixture('guide-system.txt')
        .replace('{{project_name}}', 'My Awesome Project')
        .replace('{{language}}', 'Python')
        .replace('{{tech_stack}}', 'FastAPI, PostgreSQL, React')
        .replace('{{coding_style}}', 'PEP 8, type hints required'),
    );
    expect(first.user).toContain('## Requirements\n\n\n## Working Directory\n.\n');
    const retry = await builder.build({ config: cfg, task: task(), attempt: 2, previous: previous() });
    expect(retry.user).toContain('## Previous Attempt 2\n');
    expect(retry.user).toContain('Command: pytest tests/ -v');
  });

  it('lists post-hooks as "- name: command (description)", flags non-blocking ones, indents multi-line commands', async () => {
    const cfg = config(root, {
      hooks: {
        lint: hookConfig('lint', 'ruff check src/', { stop_on_failure: false }),
        full: hookConfig('full', 'ruff check src/ &&\npytest tests/\n', {
          description: 'Complete validation suite',
        }),
      },
      prompt_templates: { ...customTemplates(root, { task: '{{post_hooks}}' }), variables: {} },
    });
    const { user } = await builder.build({
      config: cfg,
      task: task({ post_hooks: ['lint', 'full'] }),
      attempt: 1,
    });
    expect(user).toBe(
      '- lint: ruff check src/ (warning only: does not fail the task)\n- full: (Complete validation suite)\n    ruff check src/ &&\n    pytest tests/',
    );
  });

  it('reads templates through the injected readFile', async () => {
    const reads: string[] = [];
    const custom = new DefaultPromptBuilder({
      readFile: (path) => {
        reads.push(path);
        return Promise.resolve('Hello {{task_title}}');
      },
    });
    const cfg = config(root, { prompt_templates: { task: '/virtual/task.txt', variables: {} } });
    const { user } = await custom.build({ config: cfg, task: task(), attempt: 1 });
    expect(user).toBe('Hello Create User model');
    expect(reads).toEqual(['/virtual/task.txt']);
  });

  it('a missing template file is a ConfigError that says how to fix it', async () => {
    const cfg = config(root, { prompt_templates: { retry: join(root, 'nope', 'retry.txt'), variables: {} } });
    const error = await builder
      .build({ config: cfg, task: task(), attempt: 2, previous: previous() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatchObject({
      file: 'nope/retry.txt',
      path: 'prompt_templates.retry',
    });
    expect((error as ConfigError).problems[0]?.fix).toMatch(
      /remove prompt_templates\.retry to use the built-in template/,
    );
  });

  it('an unknown variable in a custom template is a ConfigError pointing at it', async () => {
    const cfg = config(root, {
      prompt_templates: { ...customTemplates(root, { task: 'x\n{{task_titel}}' }), variables: {} },
    });
    const error = await builder.build({ config: cfg, task: task(), attempt: 1 }).catch((e: unknown) => e);
    expect((error as ConfigError).problems[0]).toMatchObject({
      file: '.taskmaster/prompts/task.txt',
      line: 2,
      column: 1,
    });
  });
});
