/**
 * Git failures are not task failures: with `--auto-apply`, a stale `.git/index.lock` left by a crash is
 * removed before committing (or the run stops naming it while a git process may own it), and a commit
 * that fails after the post-hooks passed stops the run without costing the task an attempt — the next
 * resume checks the task again and commits the verified work.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** task-1 writes one.txt, task-2 two.txt; each post-hook checks its file and leaves a mark per run. */
function twoTasks(): Project {
  return createProject({
    config: {
      hooks: {
        one: { command: 'echo run >> "$MARK/one-checks"; test -f one.txt' },
        two: { command: 'test -f two.txt' },
      },
    },
    tasks: [
      { id: 'task-1', title: 'Write one', post_hooks: ['one'] },
      { id: 'task-2', title: 'Write two', post_hooks: ['two'] },
    ],
    script: {
      'task-1': [[write('one.txt', '1\n'), finish()]],
      'task-2': [[write('two.txt', '2\n'), finish()]],
    },
  });
}

function subjects(p: Project): string[] {
  return p.repo.git('log', '--format=%s').split('\n');
}

/** A lock file as a crashed git leaves it, `ageSeconds` old. */
function leaveLock(p: Project, file: string, ageSeconds: number): string {
  const full = path.join(p.dir, file);
  writeFileSync(full, '');
  const then = (Date.now() - ageSeconds * 1000) / 1000;
  utimesSync(full, then, then);
  return full;
}

describe('git failures with --auto-apply (slow: real hooks, real git)', () => {
  it('a commit that fails stops the run, and each resume keeps the attempts until the commit works', async () => {
    project = twoTasks();
    // git cannot move the branch while its ref is locked; `git add` still works.
    const refLock = leaveLock(project, '.git/refs/heads/main.lock', 60);

    const first = await project.run(['run', 'tasks.yml', '--auto-apply']);

    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stderr).toContain('Could not commit task task-1 (its post-hooks passed)');
    expect(first.stderr).toContain('main.lock');
    expect(first.stderr).toContain('taskmaster resume');
    expect(project.repo.read('one.txt')).toBe('1\n');
    expect(project.state()).toMatchObject({
      status: 'failed',
      attempt_counts: { 'task-1': 1 },
      pending_commits: ['task-1'],
    });

    for (let resume = 1; resume <= 2; resume++) {
      const again = await project.run(['resume']);
      expect(again.code, again.stdout + again.stderr).toBe(1);
      expect(again.stderr).toContain('Could not commit task task-1');
      expect(project.state().attempt_counts).toEqual({ 'task-1': 1 });
    }

    rmSync(refLock);
    const last = await project.run(['resume']);

    expect(last.code, last.stdout + last.stderr).toBe(0);
    expect(subjects(project)).toEqual([
      'taskmaster(task-2): Write two',
      'taskmaster(task-1): Write one',
      'initial',
    ]);
    expect(project.repo.git('show', '--name-only', '--format=', 'HEAD~1')).toBe('one.txt');
    const state = project.state();
    expect(state.attempt_counts).toEqual({ 'task-1': 1, 'task-2': 1 });
    expect(state.pending_commits).toEqual([]);
    // The work was checked once when it passed and once more before its commit on each resume.
    expect(project.marks('one-checks')).toHaveLength(4);
  });

  it('a stale .git/index.lock (no git process, a minute old) is removed with a notice and the commit made', async () => {
    project = twoTasks();
    const lock = leaveLock(project, '.git/index.lock', 60);

    const result = await project.run(['run', 'tasks.yml', '--auto-apply']);

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /Removed a stale \.git\/index\.lock \(\d+s old, no git process running in this repository\)/,
    );
    expect(existsSync(lock)).toBe(false);
    expect(subjects(project)).toEqual([
      'taskmaster(task-2): Write two',
      'taskmaster(task-1): Write one',
      'initial',
    ]);
    expect(project.state().attempt_counts).toEqual({ 'task-1': 1, 'task-2': 1 });
  });

  it('an index.lock while a git process runs in the repository stops the run naming the file; resume commits once it ends', async () => {
    project = twoTasks();
    const lock = leaveLock(project, '.git/index.lock', 60);
    // A live git process in the repository (it waits on stdin until the test ends it).
    const git = spawn('git', ['cat-file', '--batch'], {
      cwd: project.dir,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    try {
      const first = await project.run(['run', 'tasks.yml', '--auto-apply']);

      expect(first.code, first.stdout + first.stderr).toBe(1);
      expect(first.stderr).toContain(
        '.git/index.lock exists and a git process is running in this repository. If no git command is running in this repository, remove it: rm .git/index.lock',
      );
      expect(existsSync(lock)).toBe(true);
      expect(project.state().attempt_counts).toEqual({ 'task-1': 1 });
    } finally {
      const ended = new Promise((resolve) => git.once('exit', resolve));
      git.kill();
      await ended;
    }

    const resumed = await project.run(['resume']);

    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(subjects(project)[1]).toBe('taskmaster(task-1): Write one');
    expect(project.state().attempt_counts).toEqual({ 'task-1': 1, 'task-2': 1 });
  });
});
