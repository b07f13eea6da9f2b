/** A test run with more failures than the kept output shows: the count is the tool's own. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** pytest's short summary for 302 failing tests, then its closing line. */
const PYTEST_302 =
  'for i in $(seq 1 302); do echo "FAILED tests/test_api.py::test_case_$i - assert 0 == 1"; done; ' +
  'echo "======================== 302 failed, 5 passed in 1.23s ========================"; exit 1';

describe('302 failing tests (real hook, output cut in the middle)', () => {
  it('are reported as 302 in the failure history, not as the lines that were kept', async () => {
    project = createProject({
      config: { hooks: { test: { command: PYTEST_302 } }, max_attempts_per_task: 1 },
      tasks: [{ id: 'task-1', title: 'Fix the API', post_hooks: ['test'] }],
      script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
    });
    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code).toBe(3);
    const history = project.state().error_history['task-1'] ?? [];
    expect(history.join('\n')).toContain('302 failing tests: test_case_1 (assert 0 == 1)');
  });
});
