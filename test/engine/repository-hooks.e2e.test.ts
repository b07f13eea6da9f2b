/**
 * Git run by TaskMaster runs no repository hooks (docs/security.md): the agent writes husky hooks, a
 * post-hook points `core.hooksPath` at them as `npm install` with husky would, and `--auto-apply`
 * still commits without running one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

const GIT_HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'reference-transaction'];

/** A hook script that leaves `$MARK/ran-<name>` (MARK reaches it only through the environment). */
const huskyHook = (name: string, mark: string) => `#!/bin/sh\ntouch "${mark}/ran-${name}"\n`;

describe('repository hooks during --auto-apply (slow: real hooks, real git)', () => {
  it('commits the task without running an agent-written .husky/post-commit set up with core.hooksPath', async () => {
    project = createProject({
      config: {
        hooks: { install: { command: 'git config core.hooksPath .husky && chmod +x .husky/*' } },
      },
      tasks: [{ id: 'task-1', title: 'Add husky', post_hooks: ['install'] }],
    });
    const mark = project.mark;
    project.repo.write(
      'script.yml',
      JSON.stringify({
        tasks: {
          'task-1': {
            attempts: [
              [...GIT_HOOKS.map((name) => write(`.husky/${name}`, huskyHook(name, mark))), finish()],
            ],
          },
        },
      }),
    );
    project.repo.commit('script');

    const result = await project.run(['run', 'tasks.yml', '--auto-apply']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.repo.git('config', 'core.hooksPath')).toBe('.husky');
    expect(project.repo.git('log', '-1', '--format=%s')).toBe('taskmaster(task-1): Add husky');
    for (const name of GIT_HOOKS) expect(existsSync(path.join(mark, `ran-${name}`)), name).toBe(false);

    // The hooks are real: a commit of git's own runs them.
    project.repo.write('other.txt', 'x\n');
    project.repo.commit('by hand');
    expect(existsSync(path.join(mark, 'ran-post-commit'))).toBe(true);
  });
});
