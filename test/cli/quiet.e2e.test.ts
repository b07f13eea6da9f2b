/**
 * `--quiet`, as the guide recommends for CI: progress chatter goes, warnings and errors stay. A hook
 * whose tool is missing (exit 127) is named as such, blocking or not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

function lintProject(lint: Record<string, unknown>): Project {
  return createProject({
    config: {
      hooks: { lint, test: { command: 'test -f done.txt' } },
      max_attempts_per_task: 1,
      on_give_up: 'skip',
    },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['lint', 'test'] }],
    script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
  });
}

describe('taskmaster run --quiet (real hooks)', () => {
  it('shows a failing non-blocking hook, naming the missing command', async () => {
    project = lintProject({ command: 'taskmaster-no-such-ruff check .', stop_on_failure: false });
    const result = await project.run(['run', 'tasks.yml', '--quiet']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '⚠ task-1 lint failed (exit code 127, command not found: taskmaster-no-such-ruff',
    );
    expect(result.stdout).toContain('not blocking: stop_on_failure is false');
    // Chatter stays out.
    expect(result.stdout).not.toContain('Attempt 1/');
    expect(result.stdout).not.toContain('test passed');
  });

  it('names a missing command in the error a blocking hook leaves', async () => {
    project = lintProject({ command: 'taskmaster-no-such-ruff check .' });
    const result = await project.run(['run', 'tasks.yml', '--quiet']);

    expect(result.stdout).toContain(
      '✗ task-1 attempt 1 failed: lint hook failed (exit code 127, command not found: taskmaster-no-such-ruff)',
    );
    expect(project.state().last_errors['task-1']).toContain(
      'lint hook failed (exit code 127, command not found: taskmaster-no-such-ruff)',
    );
  });
});
