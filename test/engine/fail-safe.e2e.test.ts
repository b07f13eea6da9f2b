/**
 * The guide's "Fail-Safe Behavior" section, end to end: real hooks in a real git repository, the model
 * played by the scripted provider.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, idle, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** Passes once `app.txt` says "fixed"; otherwise prints a test-runner-like failure. */
const TEST_HOOK = {
  command: 'grep -q fixed app.txt || { echo "AssertionError: app.txt is not fixed"; exit 1; }',
  description: 'Run test suite',
  timeout: 30,
};

describe('hook failures (slow: real hooks, real git)', () => {
  it('a failing post-hook fails the attempt and the retry prompt carries its output', async () => {
    project = createProject({
      config: { hooks: { test: TEST_HOOK } },
      tasks: [{ id: 'task-1', title: 'Fix the app', post_hooks: ['test'] }],
      script: {
        'task-1': [
          [write('app.txt', 'broken\n'), finish('first try')],
          [write('app.txt', 'fixed\n'), finish('second try')],
        ],
      },
    });

    const result = await project.run(['run', 'tasks.yml', '--verbose']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✗ Attempt 1 failed: test hook failed (exit code 1)');
    expect(result.stdout).toContain('✓ Attempt 2 passed');
    const state = project.state();
    expect(state.attempt_counts['task-1']).toBe(2);
    expect(state.failure_counts['task-1']).toBe(1);
    const prompts = project.log('task-1', 'prompt.txt') ?? '';
    const retry = prompts.slice(prompts.indexOf('attempt 2'));
    expect(retry).toContain('# Retry: Fix the app');
    expect(retry).toContain('AssertionError: app.txt is not fixed');
    expect(retry).toContain('first try');
    expect(prompts.slice(0, prompts.indexOf('attempt 2'))).not.toContain('# Retry');
  });

  it('a failing pre-hook fails the attempt before the agent runs', async () => {
    project = createProject({
      config: {
        hooks: { ready: { command: 'echo "database is down" >&2; exit 4' } },
        on_give_up: 'skip',
      },
      tasks: [{ id: 'task-1', title: 'Write out', pre_hooks: ['ready'], max_attempts: 1 }],
      script: { 'task-1': [[write('out.txt', 'x\n'), finish()]] },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✗ Attempt 1 failed: ready hook failed (exit code 4)');
    expect(project.repo.git('status', '--porcelain', '--', 'out.txt')).toBe('');
    expect(project.state().last_errors['task-1']).toBe('ready hook failed (exit code 4)');
    expect(project.log('task-1', 'pre.log')).toContain('database is down');
  });

  it('stop_on_failure: false reports the failing hook as a warning and the task still passes', async () => {
    project = createProject({
      config: {
        hooks: {
          lint: { command: 'echo "E501 line too long"; exit 1', stop_on_failure: false },
          test: TEST_HOOK,
        },
      },
      tasks: [{ id: 'task-1', title: 'Fix the app', post_hooks: ['lint', 'test'] }],
      script: { 'task-1': [[write('app.txt', 'fixed\n'), finish()]] },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /⚠ lint failed \(exit code 1, .*\); not blocking: stop_on_failure is false/,
    );
    expect(result.stdout).toContain('✓ test passed');
    const state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1']);
    expect(state.attempt_counts['task-1']).toBe(1);
    expect(state.failure_counts['task-1'] ?? 0).toBe(0);
  });
});

describe('attempt limits and what follows a given-up task (slow)', () => {
  const failing = { command: 'echo "still failing"; exit 1' };

  it('max_attempts_per_task and a per-task max_attempts bound the attempts; on_give_up: skip moves on', async () => {
    project = createProject({
      config: {
        max_attempts_per_task: 2,
        max_consecutive_failures: 3,
        detect_non_progress: false,
        on_give_up: 'skip',
        hooks: { failing, test: TEST_HOOK },
      },
      tasks: [
        { id: 'global-max', title: 'Uses the global maximum', post_hooks: ['failing'] },
        { id: 'own-max', title: 'Has its own maximum', post_hooks: ['failing'], max_attempts: 3 },
        { id: 'fine', title: 'Passes', post_hooks: ['test'] },
      ],
      script: { fine: [[write('app.txt', 'fixed\n'), finish()]] },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Attempt 2/2');
    expect(result.stdout).not.toContain('Attempt 3/2');
    expect(result.stdout).toContain('Attempt 3/3');
    expect(result.stdout).toContain(
      '✗ [1/3] global-max: Uses the global maximum — given up after 2 attempts',
    );
    expect(result.stdout).toContain('Run complete: 1 of 3 tasks completed, 2 skipped');
    const state = project.state();
    expect(state.attempt_counts).toEqual({ 'global-max': 2, 'own-max': 3, fine: 1 });
    expect(state.failure_counts).toEqual({ 'global-max': 2, 'own-max': 3 });
    expect(state.skipped_task_ids).toEqual(['global-max', 'own-max']);
    expect(state.completed_task_ids).toEqual(['fine']);
    expect(state.status).toBe('completed');
  });

  it('max_consecutive_failures: that many given-up tasks in a row stop the run (exit 1)', async () => {
    project = createProject({
      config: {
        max_attempts_per_task: 1,
        max_consecutive_failures: 2,
        on_give_up: 'skip',
        hooks: { failing },
      },
      tasks: ['a', 'b', 'c'].map((id) => ({ id, title: `Task ${id}`, post_hooks: ['failing'] })),
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '✗ Run failed: 2 tasks in a row were given up (max_consecutive_failures: 2); stopping.',
    );
    const state = project.state();
    expect(state.status).toBe('failed');
    expect(Object.keys(state.attempt_counts)).toEqual(['a', 'b']);
  });

  it('on_give_up: stop ends the run at the first given-up task (exit 1)', async () => {
    project = createProject({
      config: { max_attempts_per_task: 1, on_give_up: 'stop', hooks: { failing } },
      tasks: ['a', 'b'].map((id) => ({ id, title: `Task ${id}`, post_hooks: ['failing'] })),
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Task a was given up (failed 1 of 1 attempts); on_give_up is "stop".');
    expect(Object.keys(project.state().attempt_counts)).toEqual(['a']);
  });

  it('--stop-on-first-failure stops at the first failed attempt (exit 1)', async () => {
    project = createProject({
      config: { hooks: { test: TEST_HOOK } },
      tasks: [
        { id: 'task-1', title: 'Fix the app', post_hooks: ['test'] },
        { id: 'task-2', title: 'Never reached', post_hooks: ['test'] },
      ],
      script: { 'task-1': [idle(), [write('app.txt', 'fixed\n'), finish()]] },
    });

    const result = await project.run(['run', 'tasks.yml', '--stop-on-first-failure']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Stopped at the first failure (task task-1: test hook failed (exit code 1))',
    );
    const state = project.state();
    expect(state.attempt_counts).toEqual({ 'task-1': 1 });
    expect(state.status).toBe('failed');
  });
});

describe('applying changes (slow)', () => {
  const tasks = [
    { id: 'task-1', title: 'Add one', post_hooks: ['one'] },
    { id: 'task-2', title: 'Add two', post_hooks: ['two'] },
  ];
  const config = { hooks: { one: { command: 'test -f one.txt' }, two: { command: 'test -f two.txt' } } };
  const script = {
    'task-1': [[write('one.txt', '1\n'), finish()]],
    'task-2': [[write('two.txt', '2\n'), finish()]],
  };

  it('--auto-apply commits each task once as taskmaster(<id>): <title>, without the state directory', async () => {
    project = createProject({ config, tasks, script });
    const before = project.repo.git('rev-parse', 'HEAD');

    const result = await project.run(['run', 'tasks.yml', '--auto-apply']);

    expect(result.code, result.stderr).toBe(0);
    const log = project.repo.git('log', '--format=%H %s', `${before}..HEAD`).split('\n');
    expect(log.map((l) => l.slice(41))).toEqual([
      'taskmaster(task-2): Add two',
      'taskmaster(task-1): Add one',
    ]);
    const [second, first] = log.map((l) => l.slice(0, 40));
    expect(project.repo.git('show', '--name-only', '--format=', first ?? '')).toBe('one.txt');
    expect(project.repo.git('show', '--name-only', '--format=', second ?? '')).toBe('two.txt');
    expect(project.repo.git('ls-files', '.taskmaster')).toBe('');
    expect(project.state().applied_commits).toEqual({ 'task-1': first, 'task-2': second });
  });

  it('without --auto-apply the changes stay in the working tree, uncommitted', async () => {
    project = createProject({ config, tasks, script });
    const before = project.repo.git('rev-parse', 'HEAD');

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.repo.git('rev-parse', 'HEAD')).toBe(before);
    expect(project.repo.git('status', '--porcelain', '--', 'one.txt', 'two.txt')).toBe(
      '?? one.txt\n?? two.txt',
    );
    expect(project.state().applied_commits).toEqual({});
  });
});

describe('failure logs (slow)', () => {
  it('keeps pre.log, post.log, agent.log and error.log per task, with errors greppable as ERROR', async () => {
    project = createProject({
      config: {
        hooks: {
          format: { command: 'echo "formatted 3 files"' },
          test: TEST_HOOK,
        },
      },
      tasks: [{ id: 'task-1', title: 'Fix the app', pre_hooks: ['format'], post_hooks: ['test'] }],
      script: {
        'task-1': [
          [write('app.txt', 'broken\n'), finish('wrote a broken app')],
          [write('app.txt', 'fixed\n'), finish('fixed the app')],
        ],
      },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.log('task-1', 'pre.log')).toContain('formatted 3 files');
    const post = project.log('task-1', 'post.log') ?? '';
    expect(post).toContain('AssertionError: app.txt is not fixed');
    expect(post).toContain('hook test');
    const agent = project.log('task-1', 'agent.log') ?? '';
    expect(agent).toContain('attempt 1 with replay');
    expect(agent).toContain('app.txt');
    expect(agent).toContain('task completed');
    const errors = project.log('task-1', 'error.log') ?? '';
    expect(errors).toMatch(/ERROR.*attempt 1: test hook failed \(exit code 1\)/);
    expect(errors).toContain('AssertionError: app.txt is not fixed');
    expect(errors).not.toContain('attempt 2');
  });
});
