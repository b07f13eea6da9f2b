import { execFileSync } from 'node:child_process';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type LoadConfigOptions } from '../../src/config/load-config.js';
import { DEFAULTS } from '../../src/config/types.js';
import { ConfigError, formatProblem } from '../../src/errors.js';
import { copyFixture, tempDir } from './fixture-dir.js';

const ENV = { ANTHROPIC_API_KEY: 'sk-ant-test', LINT_LEVEL: 'strict' };
const ONE_TASK = 'tasks:\n  - id: t1\n    title: Only task\n';

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

/** The problems loadConfig reports, one formatted line each; fails when it does not throw. */
async function problems(options: LoadConfigOptions): Promise<string[]> {
  const error = await loadConfig(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems.map(formatProblem);
}

describe('loadConfig with .taskmaster.yml and a task file', () => {
  async function loadFull() {
    const root = await realpath(await copyFixture('valid/full'));
    return { root, config: await loadConfig({ cwd: root, taskFile: 'work/tasks.yml', env: ENV }) };
  }

  it('records where the run lives', async () => {
    const { root, config } = await loadFull();
    expect(config.repoRoot).toBe(root);
    expect(config.taskFile).toBe(join(root, 'work/tasks.yml'));
    expect(config.taskFileDisplay).toBe('work/tasks.yml');
    expect(config.configFile).toBe(join(root, '.taskmaster.yml'));
    expect(config.stateDir).toBe(join(root, '.taskmaster'));
  });

  it('lets the task file override scalars and replace whole hook entries', async () => {
    const { config } = await loadFull();
    expect(config.default_provider).toBe('replay');
    expect(config.max_attempts_per_task).toBe(5);
    expect(config.on_give_up).toBe('skip'); // only in .taskmaster.yml
    expect(config.hooks.test).toMatchObject({ command: 'npm run test:unit', timeout: DEFAULTS.hook.timeout });
    expect(Object.keys(config.hooks).sort()).toEqual(['format', 'lint', 'test', 'typecheck']);
    expect(config.prompt_templates.variables).toEqual({
      project_name: 'Shop',
      language: 'TypeScript',
      tech_stack: 'Node, Postgres',
    });
  });

  it('interpolates ${VAR}, ${VAR:-default} and keeps $${ literal', async () => {
    const { config } = await loadFull();
    expect(config.hooks.lint?.command).toBe('eslint . --max-warnings 0 && echo "${HOME}"');
    expect(config.hooks.lint?.env).toEqual({ CI: '1', LEVEL: 'strict' });
    expect(config.providers.claude).toMatchObject({
      api_key: 'sk-ant-test',
      api_key_env: 'ANTHROPIC_API_KEY',
    });
  });

  it('resolves paths against the file that names them, task paths and working_dir against the root', async () => {
    const { root, config } = await loadFull();
    expect(config.providers.replay?.script).toBe(join(root, 'conf/script.yml'));
    expect(config.prompt_templates.system).toBe(join(root, 'conf/system.txt'));
    expect(config.prompt_templates.task).toBe(join(root, 'work/prompts/task.txt'));
    expect(config.hooks.typecheck?.working_dir).toBe(join(root, 'services'));
    expect(config.tasks.map((t) => t.path)).toEqual(['services/api', '.']);
  });

  it('gives tasks their defaults: provider, hook lists, attempts, requirements', async () => {
    const { config } = await loadFull();
    const [first, second] = config.tasks;
    expect(first).toMatchObject({
      id: 'auth-1',
      provider: 'replay',
      pre_hooks: ['format'],
      post_hooks: ['lint', 'test'],
      max_attempts: 5,
      requirements: ['email is unique', 'passwords are hashed'],
    });
    expect(second).toMatchObject({
      id: 'auth-2',
      provider: 'claude',
      pre_hooks: ['format'], // naming post_hooks replaces only that list
      post_hooks: ['test', 'typecheck'],
      max_attempts: 2,
      requirements: ['returns a JWT'],
    });
  });

  it('applies provider defaults and keeps the configured limits', async () => {
    const { config } = await loadFull();
    expect(config.providers.claude).toMatchObject({
      type: 'claude',
      model: 'claude-sonnet-5-5',
      max_tokens: DEFAULTS.provider_max_tokens,
      rate_limits: { max_requests_minute: 10, max_tokens_hour: 100000 },
    });
    expect(config.providers.replay).toMatchObject({ type: 'scripted', model: 'scripted' });
    expect(config.budget).toEqual({ max_tokens_per_run: 2000000 });
    expect(config.protected_paths).toEqual(['tests/**']);
  });
});

describe('loadConfig defaults', () => {
  it('fills every optional key from DEFAULTS for a minimal task file', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'tasks.yml': `provider_configs:\n  claude: {}\n${ONE_TASK}` });
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(config).toMatchObject({
      default_provider: 'claude',
      max_attempts_per_task: DEFAULTS.max_attempts_per_task,
      max_consecutive_failures: DEFAULTS.max_consecutive_failures,
      detect_non_progress: DEFAULTS.detect_non_progress,
      max_non_progress: DEFAULTS.max_non_progress,
      max_turns_per_attempt: DEFAULTS.max_turns_per_attempt,
      on_give_up: DEFAULTS.on_give_up,
      rate_limit_max_wait: DEFAULTS.rate_limit_max_wait,
      protected_paths: [],
      sandbox: DEFAULTS.sandbox,
      budget: {},
      hooks: {},
      prompt_templates: { variables: {} },
      prompt_context: DEFAULTS.prompt_context,
    });
    expect(config.configFile).toBeUndefined();
    expect(config.tasks[0]).toEqual({
      id: 't1',
      title: 'Only task',
      description: '',
      requirements: [],
      path: '.',
      provider: 'claude',
      pre_hooks: [],
      post_hooks: [],
      max_attempts: DEFAULTS.max_attempts_per_task,
    });
  });

  it('applies DEFAULTS.hook to a hook that names only its command', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'tasks.yml': `provider_configs:\n  claude: {}\nhooks:\n  t: { command: make }\n${ONE_TASK}`,
    });
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(config.hooks.t).toEqual({ name: 't', command: 'make', env: {}, ...DEFAULTS.hook });
  });

  it('uses .taskmaster/prompts/<name>.txt when no template is configured, and checks it', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'tasks.yml': `provider_configs:\n  claude: {}\n${ONE_TASK}`,
      '.taskmaster/prompts/retry.txt': 'Attempt {{attempt_number}}\n{{eror_output}}\n',
    });
    const found = await problems({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(found).toEqual([
      expect.stringMatching(
        /^\.taskmaster\/prompts\/retry\.txt:2:1: unknown template variable "\{\{eror_output\}\}"/,
      ),
    ]);
    expect(found[0]).toContain('did you mean "{{error_output}}"?');
  });
});

describe('loadConfig interpolation', () => {
  it('turns a variable into a number or boolean where the schema wants one', async () => {
    const dir = await tempDir();
    const yaml = [
      'max_attempts_per_task: ${MAX_ATTEMPTS:-7}',
      'detect_non_progress: ${DETECT}',
      'hooks:',
      '  t:',
      '    command: sleep ${PAUSE:-1}',
      '    timeout: ${T}',
      '',
    ].join('\n');
    await writeFiles(dir, { 'tasks.yml': `provider_configs:\n  claude: {}\n${yaml}${ONE_TASK}` });
    const config = await loadConfig({
      cwd: dir,
      taskFile: 'tasks.yml',
      env: { ...ENV, DETECT: 'false', T: '2.5' },
    });
    expect(config.max_attempts_per_task).toBe(7);
    expect(config.detect_non_progress).toBe(false);
    expect(config.hooks.t).toMatchObject({ command: 'sleep 1', timeout: 2.5 });
  });
});

describe('loadConfig locations', () => {
  it('takes the repository root from git and shows the task file relative to it', async () => {
    const root = await realpath(await tempDir());
    execFileSync('git', ['init', '-q'], { cwd: root });
    await writeFiles(root, {
      'sub/tasks.yml': `provider_configs:\n  claude: {}\n${ONE_TASK.replace('title', 'path: sub\n    title')}`,
    });
    const config = await loadConfig({ cwd: join(root, 'sub'), taskFile: 'tasks.yml', env: ENV });
    expect(config.repoRoot).toBe(root);
    expect(config.stateDir).toBe(join(root, '.taskmaster'));
    expect(config.taskFileDisplay).toBe('sub/tasks.yml');
    expect(config.tasks[0]?.path).toBe('sub');
  });

  it('puts state in TASKMASTER_STATE_DIR, resolved against the working directory', async () => {
    const dir = await realpath(await tempDir());
    await writeFiles(dir, { 'tasks.yml': `provider_configs:\n  claude: {}\n${ONE_TASK}` });
    const env = { ...ENV, TASKMASTER_STATE_DIR: 'runs/one' };
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env });
    expect(config.stateDir).toBe(join(dir, 'runs/one'));
  });

  it('reads --config from its path and reports it when missing', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'ci/taskmaster.yml': 'provider_configs:\n  claude: {}\nmax_turns_per_attempt: 7\n',
      'tasks.yml': ONE_TASK,
    });
    const config = await loadConfig({
      cwd: dir,
      taskFile: 'tasks.yml',
      configPath: 'ci/taskmaster.yml',
      env: ENV,
    });
    expect(config.max_turns_per_attempt).toBe(7);
    const found = await problems({ cwd: dir, taskFile: 'tasks.yml', configPath: 'ci/missing.yml', env: ENV });
    expect(found).toEqual([expect.stringContaining('ci/missing.yml: file not found')]);
  });

  it('reports a missing task file', async () => {
    const dir = await tempDir();
    expect(await problems({ cwd: dir, taskFile: 'nope.yml', env: ENV })).toEqual([
      expect.stringContaining('nope.yml: file not found'),
    ]);
  });

  it('accepts .taskmaster.yml given as the task file itself', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { '.taskmaster.yml': `provider_configs:\n  claude: {}\n${ONE_TASK}` });
    const config = await loadConfig({ cwd: dir, taskFile: '.taskmaster.yml', env: ENV });
    expect(config.tasks.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('loadConfig secrets', () => {
  const claude = (key: string) => `provider_configs:\n  claude:\n    type: anthropic\n${key}${ONE_TASK}`;

  it('reads the key from ANTHROPIC_API_KEY when api_key is not set', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'tasks.yml': claude('') });
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(config.providers.claude).toMatchObject({
      type: 'claude',
      api_key: 'sk-ant-test',
      api_key_env: 'ANTHROPIC_API_KEY',
    });
  });

  it('tolerates an unset key variable with requireSecrets: false, but no other unset variable', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'tasks.yml': claude('    api_key: ${CLAUDE_KEY}\n') });
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env: {}, requireSecrets: false });
    expect(config.providers.claude?.api_key).toBeUndefined();
    expect(config.providers.claude?.api_key_env).toBe('CLAUDE_KEY');
    await writeFiles(dir, { 'tasks.yml': claude('    model: ${MODEL}\n') });
    const found = await problems({ cwd: dir, taskFile: 'tasks.yml', env: {}, requireSecrets: false });
    expect(found).toEqual([expect.stringContaining('environment variable MODEL is not set')]);
  });

  it('needs no key for an OpenAI-compatible server given by base_url', async () => {
    const dir = await tempDir();
    const yaml = 'provider_configs:\n  local:\n    type: openai\n    base_url: http://127.0.0.1:11434/v1\n';
    await writeFiles(dir, { 'tasks.yml': yaml + ONE_TASK });
    const config = await loadConfig({ cwd: dir, taskFile: 'tasks.yml', env: {} });
    expect(config.providers.local).toMatchObject({ model: 'gpt-4.1', base_url: 'http://127.0.0.1:11434/v1' });
    expect(config.providers.local?.api_key).toBeUndefined();
  });
});

describe('loadConfig problems', () => {
  it('reports problems of both files together, the config file first', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      '.taskmaster.yml': 'provider_configs:\n  claude: {}\nmax_non_progres: 2\n',
      'tasks.yml': 'tasks:\n  - id: t1\n    title: One\n    pre_hooks: [lint]\n    priority: 1\n',
    });
    const found = await problems({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('.taskmaster.yml:3:1: max_non_progres: unknown key');
    expect(found[1]).toContain('tasks.yml:4:17: tasks[0].pre_hooks[0]: unknown hook "lint"');
    expect(found[2]).toContain('tasks.yml:5:5: tasks[0].priority: unknown key');
  });

  it('never leaks an interpolated secret into a message', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'tasks.yml': `provider_configs:\n  claude:\n    max_tokens: \${ANTHROPIC_API_KEY}\n${ONE_TASK}`,
    });
    const found = await problems({ cwd: dir, taskFile: 'tasks.yml', env: ENV });
    expect(found.join('\n')).toContain('found a string ("${ANTHROPIC_API_KEY}")');
    expect(found.join('\n')).not.toContain('sk-ant-test');
  });
});
