/** What a person reads about a failure after the run: `taskmaster debug` and the failure history. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** pytest output naming the failing test. */
const PYTEST_LOGIN =
  'echo "FAILED tests/test_auth.py::test_login - AssertionError: assert 401 == 200"; ' +
  'echo "=========== 1 failed, 3 passed in 0.12s ==========="; exit 1';

/** mypy output with the file's absolute path, as a tool run from the repository often prints it. */
const MYPY_ABSOLUTE =
  'echo "$PWD/src/app.py:3: error: Incompatible return value type  [return-value]"; ' +
  'echo "Found 1 error in 1 file (checked 2 source files)"; exit 1';

function failingProject(command: string): Project {
  return createProject({
    config: { hooks: { test: { command } }, max_attempts_per_task: 1 },
    tasks: [{ id: 'task-1', title: 'Fix login', post_hooks: ['test'] }],
    script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
  });
}

describe('a failing test (real hook)', () => {
  it('debug names the failing test in "Last error"', async () => {
    project = failingProject(PYTEST_LOGIN);
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(3);

    const debug = await project.run(['debug']);
    expect(debug.stdout).toContain(
      '  Last error: test hook failed (exit code 1): 1 failing test: test_login (AssertionError: assert 401 == 200)\n',
    );
  });

  it('the failure history shows paths relative to the repository, as the retry prompt does', async () => {
    project = failingProject(MYPY_ABSOLUTE);
    expect((await project.run(['run', 'tasks.yml'])).code).toBe(3);

    const history = (project.state().error_history['task-1'] ?? []).join('\n');
    expect(history).toContain('./src/app.py:3');
    expect(history).not.toContain(project.dir);
  });
});
