/**
 * The confinement of docs/security.md ("What the model can touch") end to end: a model that tries to write outside the repository, through a symlink, into
 * `.git/`, `.github/workflows/` or the state directory gets an error result for each try, nothing is
 * written there, and the attempt goes on to finish the task.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { edit, finish, read, type Turn, write } from './helpers/turns.js';

let project: Project | undefined;
let outside: string | undefined;
afterEach(() => {
  project?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

/** Every forbidden try, then the real work. */
function attackThenWork(outsideDir: string, repoDir: string): Turn[] {
  const sibling = path.relative(repoDir, path.join(outsideDir, 'sibling.txt'));
  return [
    write('../x', 'escaped\n'),
    write(sibling, 'escaped\n'),
    write(path.join(outsideDir, 'absolute.txt'), 'escaped\n'),
    write('link-out/through-link.txt', 'escaped\n'),
    read('link-out/secret.txt'),
    write('.git/hooks/pre-commit', '#!/bin/sh\ntouch pwned\n'),
    edit('.git/config', '[core]', '[core]\n\thooksPath = /tmp'),
    write('.github/workflows/evil.yml', 'on: push\n'),
    write('.taskmaster/state.json', '{}'),
    { tool: 'write_file', input: { path: 'missing-content.txt' } },
    write('ok.txt', 'ok\n'),
    finish('wrote ok.txt'),
  ];
}

describe('the agent stays inside the repository (slow: real hooks, real git)', () => {
  it('refuses every write outside it or into protected areas, and the task still completes', async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'taskmaster-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'do not read\n');
    project = createProject({
      config: { hooks: { check: { command: 'test -f ok.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write ok.txt', post_hooks: ['check'] }],
    });
    const repo = project.repo;
    symlinkSync(outside, path.join(repo.dir, 'link-out'));
    repo.write('.github/workflows/ci.yml', 'on: pull_request\n');
    repo.write('script.yml', scriptFor(attackThenWork(outside, repo.dir)));
    repo.commit('symlink and workflow');
    const gitConfig = repo.read('.git/config');
    const parentX = snapshotFile(path.join(path.dirname(repo.dir), 'x'));
    const before = repo.git('rev-parse', 'HEAD');

    const result = await project.run(['run', 'tasks.yml', '--auto-apply']);

    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(snapshotFile(path.join(path.dirname(repo.dir), 'x'))).toEqual(parentX);
    expect(existsSync(path.join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(repo.read('.git/config')).toBe(gitConfig);
    expect(readdirSync(path.join(repo.dir, '.github/workflows'))).toEqual(['ci.yml']);
    expect(repo.read('ok.txt')).toBe('ok\n');
    // Ten refused calls, each shown as a failed tool call; none of them ended the attempt.
    expect(result.stdout.match(/^ {4}✗ /gm)).toHaveLength(10);
    expect(result.stdout).toContain('is outside the repository');
    expect(result.stdout).toContain('is an absolute path');
    expect(result.stdout).toContain('resolves through a symlink to a place outside the repository');
    expect(result.stdout).toContain('is inside .git/');
    expect(result.stdout).toContain('is inside .github/workflows/');
    expect(result.stdout).toContain("is inside TaskMaster's state directory");
    const state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1']);
    expect(state.attempt_counts['task-1']).toBe(1);
    expect(repo.git('diff', '--name-only', before, 'HEAD')).toBe('ok.txt');
    expect(project.log('task-1', 'agent.log')).not.toContain('do not read');
  });
});

describe('the judge is read-only to the agent (slow: real hooks, real git)', () => {
  it('refuses write_file .taskmaster.yml and search_files over .github/workflows/, and the real check still judges', async () => {
    project = createProject({
      config: { on_give_up: 'stop', hooks: { check: { command: 'test -f ok.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write ok.txt', post_hooks: ['check'], max_attempts: 1 }],
    });
    const repo = project.repo;
    const config = repo.read('.taskmaster.yml');
    repo.write('.github/workflows/ci.yml', 'env: { DEPLOY: workflow-secret-step }\n');
    repo.write('notes.md', 'mentions workflow-secret-step\n');
    const search = (input: Record<string, unknown>): Turn => ({ tool: 'search_files', input });
    repo.write(
      'script.yml',
      scriptFor([
        write('.taskmaster.yml', config.replace('test -f ok.txt', 'true')),
        edit('tasks.yml', 'post_hooks', 'pre_hooks'),
        search({ pattern: 'workflow-secret-step', path: '.github/workflows' }),
        search({ pattern: 'workflow-secret-step' }),
        { tool: 'list_files', input: {} },
        finish('changed the check'),
      ]),
    );
    repo.commit('workflow');

    const first = await project.run(['run', 'tasks.yml']);

    expect(repo.read('.taskmaster.yml')).toBe(config);
    expect(repo.read('tasks.yml')).toContain('post_hooks');
    expect(first.stdout).toContain("'.taskmaster.yml' is the configuration file of this run");
    expect(first.stdout).toContain("'tasks.yml' is the task file of this run");
    expect(first.stdout).toContain("'.github/workflows' is inside .github/workflows/");
    const log = project.log('task-1', 'agent.log') ?? '';
    expect(log).toContain('notes.md:1: mentions workflow-secret-step');
    expect(log).not.toContain('DEPLOY');
    expect(log).not.toContain('ci.yml');
    // The check that was not replaced still fails: the task is not completed.
    expect(first.code).not.toBe(0);
    expect(project.state().completed_task_ids).toEqual([]);
  });
});

function scriptFor(turns: Turn[]): string {
  return JSON.stringify({ tasks: { 'task-1': { attempts: [turns] } } });
}

function snapshotFile(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
