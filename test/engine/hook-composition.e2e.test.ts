/**
 * The guide's "Hook Types", "Hook Patterns", "Hook Composition" and "Hook Defaults", with real hook
 * processes: named hooks run in the order the task lists them, pre-hooks before the agent and
 * post-hooks after it; defaults are inherited per list; unknown names never get as far as a run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, type Project } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** A hook that notes its name in `$MARK/order` and then runs `check`. */
function noting(name: string, check = 'true', extra: Record<string, unknown> = {}) {
  return { command: `echo ${name} >> "$MARK/order" && ${check}`, ...extra };
}

describe('hook composition (slow: real hooks, real git)', () => {
  it('runs pre-hooks before the agent and post-hooks after it, in the order listed; a failing one ends its phase', async () => {
    project = createProject({
      config: {
        hooks: {
          // Notes whether the agent's file exists yet: pre-hooks run before the agent.
          format: {
            command:
              'if [ -f feature.txt ]; then echo format:after; else echo format:before; fi >> "$MARK/order"',
            description: 'Format code',
            stop_on_failure: false,
          },
          lint: noting('lint', 'true', { stop_on_failure: false }),
          'type-check': noting('type-check', 'grep -qx typed feature.txt'),
          'unit-test': noting('unit-test', 'test -f feature.txt'),
          'integration-test': noting('integration-test'),
        },
      },
      tasks: [
        {
          id: 'task-1',
          title: 'Implement feature',
          pre_hooks: ['format', 'lint'],
          post_hooks: ['type-check', 'unit-test', 'integration-test'],
        },
      ],
      script: {
        'task-1': [
          [write('feature.txt', 'untyped\n'), finish()],
          [write('feature.txt', 'typed\n'), finish()],
        ],
      },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.marks('order')).toEqual([
      ...['format:before', 'lint', 'type-check'],
      ...['format:after', 'lint', 'type-check', 'unit-test', 'integration-test'],
    ]);
    expect(result.stdout).toContain('▸ pre-hook format: Format code');
    expect(result.stdout).toContain('▸ post-hook integration-test');
    expect(project.state().attempt_counts['task-1']).toBe(2);
  });

  it('tasks inherit hook_defaults; a task that names a list replaces only that list', async () => {
    project = createProject({
      config: {
        hooks: {
          format: noting('format'),
          lint: noting('lint'),
          test: noting('test'),
          'integration-test': noting('integration-test'),
        },
        hook_defaults: { pre_hooks: ['format'], post_hooks: ['lint', 'test'] },
      },
      tasks: [
        { id: 'task-1', title: 'Feature A' },
        { id: 'task-2', title: 'Feature B', post_hooks: ['lint', 'test', 'integration-test'] },
        { id: 'task-3', title: 'Feature C', pre_hooks: [], post_hooks: ['test'] },
      ],
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.marks('order')).toEqual([
      ...['format', 'lint', 'test'],
      ...['format', 'lint', 'test', 'integration-test'],
      ...['test'],
    ]);
  });
});

describe('hook patterns from the guide (slow)', () => {
  it('a multi-step hook fails at the first failing step and passes when every step does', async () => {
    project = createProject({
      config: {
        hooks: {
          'full-validation': {
            command: [
              'echo lint >> "$MARK/steps" &&',
              'grep -qx typed feature.txt &&',
              'echo test >> "$MARK/steps"',
            ].join('\n'),
            timeout: 900,
            stop_on_failure: true,
            description: 'Complete validation suite',
          },
        },
      },
      tasks: [{ id: 'task-1', title: 'Feature', post_hooks: ['full-validation'] }],
      script: {
        'task-1': [
          [write('feature.txt', 'untyped\n'), finish()],
          [write('feature.txt', 'typed\n'), finish()],
        ],
      },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(project.marks('steps')).toEqual(['lint', 'lint', 'test']);
    expect(project.state().last_errors['task-1']).toBe('full-validation hook failed (exit code 1)');
  });

  it('a conditional hook skips its tests locally and runs them when CI=true', async () => {
    project = createProject({
      config: {
        hooks: {
          'integration-test': {
            command: [
              'if [ "$CI" = "true" ]; then',
              '  test -f integration-passed.txt',
              'else',
              '  echo "Skipping integration tests in local environment"',
              'fi',
            ].join('\n'),
            timeout: 600,
            stop_on_failure: false,
          },
        },
      },
      tasks: [{ id: 'task-1', title: 'Feature', post_hooks: ['integration-test'] }],
      script: { 'task-1': [[write('feature.txt', 'x\n'), finish()]] },
    });

    const local = await project.run(['run', 'tasks.yml']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toContain('│ Skipping integration tests in local environment');
    expect(local.stdout).toContain('✓ integration-test passed');

    const ci = await project.run(['run', 'tasks.yml', '--fresh'], { env: { CI: 'true' } });
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stdout).not.toContain('Skipping integration tests');
    expect(ci.stdout).toContain('⚠ integration-test failed (exit code 1');
  });
});

describe('hook names are checked before anything runs', () => {
  it('an unknown hook name in a task or in hook_defaults is a validation error (exit 2)', async () => {
    project = createProject({
      config: {
        hooks: { test: { command: 'echo ran >> "$MARK/ran"' }, format: { command: 'true' } },
        hook_defaults: { pre_hooks: ['fromat'] },
      },
      tasks: [{ id: 'task-1', title: 'Feature', post_hooks: ['tset'] }],
    });

    for (const args of [
      ['run', 'tasks.yml'],
      ['validate', 'tasks.yml'],
    ]) {
      const result = await project.run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Error: invalid configuration');
      expect(result.stderr).toMatch(/tasks\.yml:\d+:\d+: tasks\[0\]\.post_hooks\[0\]: unknown hook "tset"/);
      expect(result.stderr).toMatch(/fix: .*test/);
      expect(result.stderr).toMatch(/\.taskmaster\.yml:\d+:\d+: .*unknown hook "fromat"/);
    }
    expect(project.marks('ran')).toEqual([]);
    expect(existsSync(path.join(project.dir, '.taskmaster/state.json'))).toBe(false);
  });
});
