/**
 * The guide's "State Corruption Recovery", and the other ways a state file cannot be used: each stops
 * with a message saying what is wrong and how to fix it, exit code 2, and the file left untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project;
beforeEach(() => {
  project = createProject({
    config: { hooks: { check: { command: 'test -f one.txt' } } },
    tasks: [
      { id: 'task-1', title: 'Write one', post_hooks: ['check'] },
      { id: 'task-2', title: 'Write two' },
    ],
    script: { 'task-1': [[write('one.txt', '1\n'), finish()]] },
  });
});
afterEach(() => project.cleanup());

const stateFile = (): string => path.join(project.dir, '.taskmaster/state.json');

describe('a state file that cannot be used (slow: real hooks, real git)', () => {
  it('a corrupted state file stops every command with the recovery steps (exit 2) and stays as it was', async () => {
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);
    const whole = readFileSync(stateFile(), 'utf8');
    const torn = whole.slice(0, whole.length / 2);
    writeFileSync(stateFile(), torn);

    for (const args of [['run', 'tasks.yml'], ['resume'], ['status'], ['debug'], ['retry', 'task-1']]) {
      const result = await project.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(
        [
          'Error: Failed to load state: Invalid JSON',
          '',
          'To recover:',
          '  1. Backup corrupted file: cp .taskmaster/state.json state.backup',
          '  2. Remove state: rm -rf .taskmaster/',
          '  3. Start fresh: taskmaster run tasks.yml',
        ].join('\n'),
      );
      expect(readFileSync(stateFile(), 'utf8')).toBe(torn);
    }
  });

  it('valid JSON that is not a run state is refused the same way, naming the problem', async () => {
    project.repo.write('.taskmaster/state.json', '{"version": 1, "task_file": "tasks.yml"}\n');

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Failed to load state: .*completed_task_ids/m);
    expect(result.stderr).toContain('To recover:');
    expect(project.repo.read('.taskmaster/state.json')).toBe('{"version": 1, "task_file": "tasks.yml"}\n');
  });

  it('resume with no saved run says what to do (exit 2); another task file gets a run of its own', async () => {
    const nothing = await project.run(['resume']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to resume');
    expect(nothing.stderr).toContain('taskmaster run <task-file>');

    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);
    project.repo.write('other-tasks.yml', readFileSync(path.join(project.dir, 'tasks.yml'), 'utf8'));
    const other = await project.run(['run', 'other-tasks.yml']);
    expect(other.code, other.stderr).toBe(0);
    expect(project.state().task_file).toBe('tasks.yml');
    expect(project.state('.taskmaster/runs/other-tasks').task_file).toBe('other-tasks.yml');
  });
});
