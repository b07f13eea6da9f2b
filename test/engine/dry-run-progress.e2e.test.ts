/** A dry run after a run: it estimates only what is left, or the whole run again with --fresh. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

describe('dry run after progress (slow)', () => {
  it('says nothing is left after a completed run, and estimates every task with --fresh', async () => {
    project = createProject({
      config: { hooks: { one: { command: 'test -f one.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write one', post_hooks: ['one'] }],
      script: { 'task-1': [[write('one.txt', '1\n'), finish()]] },
    });
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(0);

    const nothingLeft = await project.run(['run', 'tasks.yml', '--dry-run', '--quiet']);
    expect(nothingLeft.code).toBe(0);
    expect(nothingLeft.stdout).toContain('already completed or skipped: a run would call no model');
    expect(nothingLeft.stdout).toContain('taskmaster run tasks.yml --dry-run --fresh');

    const fromStart = await project.run(['run', 'tasks.yml', '--dry-run', '--fresh', '--quiet']);
    expect(fromStart.code).toBe(0);
    expect(fromStart.stdout).toMatch(/^task-1\s+replay\s+scripted\s+[\d,]+/m);
    expect(project.state().completed_task_ids).toEqual(['task-1']);
  });
});
