/** What a local run says on the console when it gives up unattended, and when it commits a task. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

describe('taskmaster run (real hooks, real git)', () => {
  it('after an unattended give-up prints the decision commands with their comments in one column', async () => {
    project = createProject({
      config: { hooks: { check: { command: 'false' } }, max_attempts_per_task: 1 },
      tasks: [{ id: 'auth-login-1', title: 'Log in', post_hooks: ['check'] }],
      script: { 'auth-login-1': [[write('done.txt', 'done\n'), finish()]] },
    });
    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(3);
    const commands = result.stderr.split('\n').filter((line) => line.startsWith('  taskmaster '));
    expect(commands.map((line) => line.replace(/ +#.*/, ''))).toEqual([
      '  taskmaster retry auth-login-1',
      '  taskmaster skip auth-login-1',
      '  taskmaster abort',
      '  taskmaster resume',
    ]);
    expect(new Set(commands.map((line) => line.indexOf('#'))).size).toBe(1);
  });

  it.each([[[]], [['--quiet']]])('--auto-apply %j says which commit it made', async (extra) => {
    project = createProject({
      config: { hooks: { check: { command: 'test -f done.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
      script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
    });
    const result = await project.run(['run', 'tasks.yml', '--auto-apply', ...extra]);

    expect(result.code, result.stderr).toBe(0);
    const head = project.repo.git('rev-parse', 'HEAD');
    expect(result.stdout).toContain(`✓ Committed ${head.slice(0, 12)} taskmaster(task-1): Write done.txt\n`);
  });
});
