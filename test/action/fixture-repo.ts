/**
 * Real git repositories for the action's end-to-end tests: a bare "origin" with `main` and a `feature`
 * branch holding a TaskMaster configuration, and fresh clones of the branch as each job's checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Creates `<root>/origin.git` whose `main` and `feature` branches hold `files`. */
export function createOrigin(root: string, files: Record<string, string>): string {
  const origin = path.join(root, 'origin.git');
  const seed = path.join(root, 'seed');
  mkdirSync(seed, { recursive: true });
  execFileSync('git', ['init', '--bare', '-q', '-b', 'main', origin]);
  git(seed, 'init', '-q', '-b', 'main');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, name)), { recursive: true });
    writeFileSync(path.join(seed, name), text);
  }
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'Initial commit');
  git(seed, 'remote', 'add', 'origin', origin);
  git(seed, 'push', '-q', 'origin', 'main', 'main:feature');
  return origin;
}

/** A job's checkout of `branch` (full history, as `fetch-depth: 0` gives). */
export function cloneBranch(origin: string, dest: string, branch: string): string {
  execFileSync('git', ['clone', '-q', '--branch', branch, origin, dest]);
  return dest;
}

/** Commit subjects of `branch` in the origin, newest first. */
export function subjects(origin: string, branch: string): string[] {
  return git(origin, 'log', '--format=%s', branch).split('\n');
}

/** The configuration of the tests' runs: the fake model server and plain shell hooks. */
export function taskmasterFiles(modelUrl: string, task2PreHooks: string[] = []): Record<string, string> {
  const config = [
    'provider_configs:',
    '  claude:',
    '    type: claude',
    '    api_key: ${ANTHROPIC_API_KEY}',
    '    model: claude-test',
    `    base_url: ${modelUrl}`,
    '    max_tokens: 1024',
    '    rate_limits:',
    '      max_requests_hour: 100',
    'hooks:',
    '  env-dump: { command: "env | sort > hook-env.txt", description: Record what a hook sees }',
    '  has-a: { command: test -f a.txt }',
    '  has-b: { command: test -f b.txt }',
    '  has-c: { command: test -f c.txt }',
    '  slow: { command: "touch ../hook-started && sleep 30", timeout: 60 }',
  ].join('\n');
  const tasks = [
    'tasks:',
    '  - { id: task-1, title: Write a, description: Create a.txt, post_hooks: [env-dump, has-a] }',
    `  - { id: task-2, title: Write b, description: Create b.txt, pre_hooks: [${task2PreHooks.join(', ')}], post_hooks: [has-b] }`,
    '  - { id: task-3, title: Write c, description: Create c.txt, post_hooks: [has-c] }',
  ].join('\n');
  return {
    '.taskmaster.yml': `${config}\n`,
    'tasks.yml': `${tasks}\n`,
    '.gitignore': '.taskmaster/\n',
    'README.md': '# widgets\n',
  };
}
