/**
 * `taskmaster validate` with `.taskmaster.yml` and a task file that both have problems: every problem
 * names the file, line and column of the key that is wrong, whichever file holds it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, testEnv } from '../support/cli-runner.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const CONFIG = `provider_configs:
  replay: { type: scripted, script: script.yml }
hooks:
  lint:
    timeout: 5
  test:
    command: npm test
    timeout: -1
  fmt: { command: x, stop_on_failure: maybe }
  types:
    command: tsc
    timout: 30
hook_defaults:
  post_hooks: [lint, missing]
`;

const TASKS = `tasks:
  - id: task-1
    title: Do it
    post_hooks: [check, nowhere]
  - title: no id
    provider: nope
hooks:
  check:
    timeout: 3
  fmt:
    timeout: 9
`;

/** The `file:line:column: key: message` part of each problem line. */
function locations(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+:\d+: /.test(line))
    .map((line) => line.trim().split(': ').slice(0, 2).join(': '));
}

describe('taskmaster validate with problems in both files', () => {
  it('reports each problem at the key that is wrong, in the file that holds it', async () => {
    repo = createRepo({ '.taskmaster.yml': CONFIG, 'tasks.yml': TASKS, 'script.yml': 'tasks: {}\n' });
    const result = await runCli(['validate', 'tasks.yml'], { cwd: repo.dir, env: testEnv() });

    expect(result.code).toBe(2);
    expect(locations(result.stderr).sort()).toEqual(
      [
        // .taskmaster.yml: a hook without command, a bad number, a bad boolean, an unknown key, an
        // unknown hook in a list.
        '.taskmaster.yml:4:3: hooks.lint.command',
        '.taskmaster.yml:8:14: hooks.test.timeout',
        '.taskmaster.yml:9:39: hooks.fmt.stop_on_failure',
        '.taskmaster.yml:12:5: hooks.types.timout',
        '.taskmaster.yml:14:22: hook_defaults.post_hooks[1]',
        // tasks.yml: its own hook without command, a hook entry that replaces the one in
        // .taskmaster.yml (and so has no command), a task without id, unknown provider and hook.
        'tasks.yml:4:25: tasks[0].post_hooks[1]',
        'tasks.yml:5:5: tasks[1].id',
        'tasks.yml:6:15: tasks[1].provider',
        'tasks.yml:8:3: hooks.check.command',
        'tasks.yml:10:3: hooks.fmt.command',
      ].sort(),
    );
  });
});
