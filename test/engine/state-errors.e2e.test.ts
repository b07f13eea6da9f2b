/**
 * The guide's "State Corruption Recovery", and the other ways a state file cannot be used: each stops
 * with a message saying what is wrong and how to fix it, exit code 2, and the file left untouched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
          '  2. Remove state: rm -f .taskmaster/state.json .taskmaster/state.json.bak',
          '  3. Start fresh: taskmaster run tasks.yml',
          '  Or all in one: taskmaster run tasks.yml --fresh (keeps the corrupted file as state.json.<time>.old)',
        ].join('\n'),
      );
      expect(readFileSync(stateFile(), 'utf8')).toBe(torn);
    }
  });

  it("the advised removal deletes the state only: the user's templates in .taskmaster/prompts/ stay", async () => {
    project.repo.write('.taskmaster/prompts/retry.txt', 'my retry template {{error_output}}\n');
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);
    writeFileSync(stateFile(), '{"version": 1,');
    const refused = await project.run(['run', 'tasks.yml']);
    const remove = /^ {2}2\. Remove state: (.+)$/m.exec(refused.stderr)?.[1] ?? '';
    expect(remove).not.toBe('');

    execFileSync('sh', ['-c', remove], { cwd: project.dir });

    expect(existsSync(stateFile())).toBe(false);
    expect(project.repo.read('.taskmaster/prompts/retry.txt')).toBe('my retry template {{error_output}}\n');
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);
  });

  it('run --fresh on a corrupted state keeps the file as a backup and starts over', async () => {
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);
    const requests = project.state().rate_limit_usage.replay?.requests_day ?? 0;
    expect(requests).toBeGreaterThan(0);
    const torn = readFileSync(stateFile(), 'utf8').slice(0, 100);
    writeFileSync(stateFile(), torn);

    const fresh = await project.run(['run', 'tasks.yml', '--fresh']);

    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout + fresh.stderr).toMatch(
      /Failed to load state: Invalid JSON\. Starting fresh; the unreadable state is kept as \.taskmaster\/state\.json\.\d{8}T\d{6}Z\.old/,
    );
    const kept = readdirSync(path.join(project.dir, '.taskmaster')).filter((f) => f.endsWith('.old'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(project.dir, '.taskmaster', kept[0] ?? ''), 'utf8')).toBe(torn);
    expect(project.state()).toMatchObject({ status: 'completed', completed_task_ids: ['task-1', 'task-2'] });
    // The account's usage still counts, read from the previous save (state.json.bak).
    expect(project.state().rate_limit_usage.replay?.requests_day).toBe(2 * requests);
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
