import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULTS, type HookConfig, type ResolvedConfig, type TaskConfig } from '../../src/config/types.js';
import type { HookResult } from '../../src/hooks/types.js';

/** Test helpers for the prompts area: configs, hook results, temp repositories, fixture files. */

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'prompts');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function hookResult(overrides: Partial<HookResult> = {}): HookResult {
  return {
    hook: 'test',
    command: 'pytest tests/ -v',
    passed: false,
    exitCode: 1,
    timedOut: false,
    durationMs: 1370,
    runs: 1,
    stopOnFailure: true,
    output: '',
    ...overrides,
  };
}

export function hookConfig(name: string, command: string, extra: Partial<HookConfig> = {}): HookConfig {
  return { name, command, ...DEFAULTS.hook, env: {}, ...extra };
}

export function task(overrides: Partial<TaskConfig> = {}): TaskConfig {
  return {
    id: 'auth-1',
    title: 'Create User model',
    description: 'SQLAlchemy User model with email and password hash.',
    requirements: ['email is unique', 'password is stored hashed'],
    path: '.',
    provider: 'claude',
    pre_hooks: [],
    post_hooks: ['test'],
    max_attempts: 3,
    ...overrides,
  };
}

export function config(repoRoot: string, overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    repoRoot,
    taskFile: join(repoRoot, 'tasks.yml'),
    taskFileDisplay: 'tasks.yml',
    stateDir: join(repoRoot, '.taskmaster'),
    default_provider: 'claude',
    providers: {},
    max_attempts_per_task: 3,
    max_consecutive_failures: 2,
    detect_non_progress: true,
    max_non_progress: 2,
    max_turns_per_attempt: 40,
    on_give_up: 'ask',
    rate_limit_max_wait: 90,
    protected_paths: [],
    sandbox: 'auto',
    budget: {},
    hooks: { test: hookConfig('test', 'pytest tests/ -v', { description: 'Run test suite' }) },
    prompt_templates: { variables: {} },
    prompt_context: { ...DEFAULTS.prompt_context, include_patterns: [], exclude_patterns: [] },
    tasks: [],
    ...overrides,
  };
}

/** A fresh temp directory (real path, so git's paths and ours agree on macOS too). */
export function tempDir(prefix = 'tm-prompts-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** A git repository with one commit holding `files`. */
export function gitRepo(files: Record<string, string | Buffer>): string {
  const root = tempDir('tm-repo-');
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(
    root,
    '-c',
    'user.email=test@example.com',
    '-c',
    'user.name=Test',
    'commit',
    '-q',
    '--no-verify',
    '-m',
    'initial',
  );
  return root;
}
