/** The model's `run_checks` call in the live progress view: the tool's line, then the hooks it ran. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

describe('run_checks in the progress view (real hooks)', () => {
  it("prints the tool's line before the hook lines of the checks it runs, once", async () => {
    project = createProject({
      config: { hooks: { check: { command: 'echo checking' } } },
      tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
      script: { 'task-1': [[write('done.txt', 'done\n'), { tool: 'run_checks', input: {} }, finish()]] },
    });
    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const tool = lines.findIndex((l) => l.includes('⚙ run_checks'));
    const hook = lines.findIndex((l) => l.includes('▸ check check'));
    expect(tool).toBeGreaterThan(-1);
    expect(tool).toBeLessThan(hook);
    expect(lines.filter((l) => l.includes('⚙ run_checks'))).toHaveLength(1);
  });
});
