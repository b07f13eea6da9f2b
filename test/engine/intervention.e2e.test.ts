/**
 * The guide's "Failure Escalation Workflow", "User Intervention Prompt" and "Non-Progress Detection":
 * a person decides about a task that keeps failing — at the terminal, or (without one) with
 * `taskmaster retry|skip|abort` and `taskmaster resume`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HEAVY_RULE } from '../../src/cli/format.js';
import { createProject, type Project } from './helpers/project.js';
import { finish, idle, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

const TEST_HOOK = {
  command: 'grep -q fixed login.py || { echo "AssertionError in test_login"; exit 1; }',
  timeout: 30,
};

/** task-1 fails `failing` times (changing the code each time), then passes; task-2 passes at once. */
function stuckProject(failing: number, config: Record<string, unknown> = {}): Project {
  const wrong = Array.from({ length: failing }, (_, i) => [
    write('login.py', `attempt ${i + 1}\n`),
    finish(),
  ]);
  return createProject({
    config: { hooks: { test: TEST_HOOK, check: { command: 'test -f two.txt' } }, ...config },
    tasks: [
      { id: 'task-1', title: 'Implement user authentication', post_hooks: ['test'] },
      { id: 'task-2', title: 'Add password reset', post_hooks: ['check'] },
    ],
    script: {
      'task-1': [...wrong, [write('login.py', 'fixed\n'), finish()]],
      'task-2': [[write('two.txt', '2\n'), finish()]],
    },
  });
}

describe('the intervention prompt at a terminal (slow: real hooks, real git)', () => {
  it("shows the guide's prompt after the last attempt; S skips the task and the run goes on", async () => {
    project = stuckProject(3);

    const result = await project.run(['run', 'tasks.yml'], { answers: ['s'] });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      [
        HEAVY_RULE,
        '⚠ Task has failed multiple times',
        '',
        'Task: Implement user authentication',
        'Attempts: 3/3',
        'Last error: test hook failed (exit code 1)',
        '',
        'Recent failures:',
        '  Attempt 1: test hook failed (exit code 1): AssertionError in test_login',
        '  Attempt 2: test hook failed (exit code 1): AssertionError in test_login',
        '  Attempt 3: test hook failed (exit code 1): AssertionError in test_login',
        '',
        'What would you like to do?',
        '',
        '  [R] Retry once more',
        '  [S] Skip this task and continue',
        '  [A] Abort entire run',
        '',
        'Choice: ',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Run complete: 1 of 2 tasks completed, 1 skipped');
    const state = project.state();
    expect(state.skipped_task_ids).toEqual(['task-1']);
    expect(state.completed_task_ids).toEqual(['task-2']);
    expect(state.user_interventions).toEqual({ 'task-1': 'skip' });
    // The agent changed the code every time: no attempt counted as non-progress.
    expect(state.non_progress_counts['task-1'] ?? 0).toBe(0);
  });

  it('R grants a fresh set of attempts and the task can still pass', async () => {
    project = stuckProject(1, { max_attempts_per_task: 1 });

    const result = await project.run(['run', 'tasks.yml'], { answers: ['r'] });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Attempts: 1/1');
    expect(result.stdout).toContain('Attempt 2/2');
    const state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1', 'task-2']);
    expect(state.attempt_counts['task-1']).toBe(2);
    expect(state.user_interventions).toEqual({ 'task-1': 'retry' });
  });

  it('A aborts the whole run (exit 1) and later tasks never start', async () => {
    project = stuckProject(1, { max_attempts_per_task: 1 });

    const result = await project.run(['run', 'tasks.yml'], { answers: ['a'] });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Run aborted at task task-1.');
    const state = project.state();
    expect(state.status).toBe('aborted');
    expect(state.attempt_counts['task-2']).toBeUndefined();
  });
});

describe('deciding without a terminal (slow)', () => {
  it('records needs_intervention and exits 3; `taskmaster retry <id>` then `resume` finishes the run', async () => {
    project = stuckProject(2, { max_attempts_per_task: 2 });

    const first = await project.run(['run', 'tasks.yml']);

    expect(first.code).toBe(3);
    expect(first.stderr).toContain(
      '⚠ Task task-1 (Implement user authentication) needs a decision: failed 2 of 2 attempts.',
    );
    expect(first.stderr).toContain('taskmaster retry task-1');
    expect(first.stderr).toContain('taskmaster resume');
    let state = project.state();
    expect(state.status).toBe('needs_intervention');
    expect(state.needs_intervention).toEqual({ task_id: 'task-1', reason: 'failed 2 of 2 attempts' });

    const decided = await project.run(['retry', 'task-1']);
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.stdout).toContain('Recorded: retry task-1 with a fresh set of attempts');
    expect(project.state().pending_decision).toEqual({ task_id: 'task-1', decision: 'retry' });

    const resumed = await project.run(['resume']);

    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Attempt 3/4');
    state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1', 'task-2']);
    expect(state.attempt_counts['task-1']).toBe(3);
    expect(state.status).toBe('completed');
  });

  it('`taskmaster skip` (the waiting task by default) then `resume` moves on to the next task', async () => {
    project = stuckProject(1, { max_attempts_per_task: 1 });
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(3);

    const decided = await project.run(['skip']);
    expect(decided.stdout).toContain('Recorded: skip task-1');
    const resumed = await project.run(['resume']);

    expect(resumed.code, resumed.stderr).toBe(0);
    const state = project.state();
    expect(state.skipped_task_ids).toEqual(['task-1']);
    expect(state.completed_task_ids).toEqual(['task-2']);
    expect(state.attempt_counts['task-1']).toBe(1);
  });

  it('`taskmaster abort` ends the run; resuming it is refused until a fresh start', async () => {
    project = stuckProject(1, { max_attempts_per_task: 1 });
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(3);

    const aborted = await project.run(['abort']);
    expect(aborted.code).toBe(0);
    expect(aborted.stdout).toContain('Run aborted.');
    expect(project.state().status).toBe('aborted');

    const resumed = await project.run(['resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(
      'The previous run was aborted. Start over with: taskmaster run tasks.yml --fresh',
    );
    expect(project.state().attempt_counts['task-2']).toBeUndefined();
  });
});

describe('non-progress detection (slow)', () => {
  const idleProject = (config: Record<string, unknown>): Project =>
    createProject({
      config: { hooks: { test: TEST_HOOK }, max_attempts_per_task: 3, ...config },
      tasks: [{ id: 'task-1', title: 'Implement user authentication', post_hooks: ['test'] }],
      script: { 'task-1': [idle(), idle(), idle()] },
    });

  it('an agent that changes nothing while the tests fail escalates after max_non_progress attempts', async () => {
    project = idleProject({ max_non_progress: 2 });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(3);
    const block = (count: string): string =>
      [
        '⚠ Non-progress detected!',
        '',
        'The agent made no code changes, but tests still fail.',
        'This may indicate:',
        '  - Task description is unclear',
        '  - Tests are flaky',
        '  - Environment issue',
        '',
        `Non-progress count: ${count}`,
      ].join('\n');
    expect(result.stdout).toContain(block('1/2'));
    expect(result.stdout).toContain(`${block('2/2')}\n\nEscalating to user intervention...`);
    expect(result.stdout).not.toContain('Attempt 3/3');
    expect(result.stderr).toContain('needs a decision: no progress in 2 attempts');
    const state = project.state();
    expect(state.non_progress_counts['task-1']).toBe(2);
    expect(state.attempt_counts['task-1']).toBe(2);
  });

  it('detect_non_progress: false lets the same agent use every attempt, with no non-progress warning', async () => {
    project = idleProject({ max_non_progress: 2, detect_non_progress: false });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Attempt 3/3');
    expect(result.stdout).not.toContain('Non-progress detected');
    expect(result.stderr).toContain('needs a decision: failed 3 of 3 attempts');
    expect(project.state().non_progress_counts).toEqual({});
  });
});
