/**
 * `taskmaster … | head` when the reader has already gone: the command ends quietly (no EPIPE stack
 * trace), with its own exit code; a run stops as Ctrl+C stops it, state saved.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli-runner.js';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/**
 * Runs `taskmaster <args>` with `redirect` (e.g. `2>&1 >/dev/null`) into `| true`, which exits
 * without reading; returns the CLI's exit code and what bash's own stderr received.
 */
function piped(p: Project, args: string, redirect = ''): { code: number; stderr: string } {
  const script = `"$NODE" "$CLI" ${args} ${redirect} | true; exit \${PIPESTATUS[0]}`;
  const result = spawnSync('bash', ['-c', script], {
    cwd: p.dir,
    env: { ...p.env(), NODE: process.execPath, CLI } as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stderr: result.stderr };
}

function sampleProject(): Project {
  return createProject({
    config: { hooks: { check: { command: 'test -f done.txt' } } },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
    script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
  });
}

describe('output into a closed pipe (slow: spawned CLI)', () => {
  it.each([
    ['validate tasks.yml', 0],
    ['run tasks.yml --dry-run', 0],
    ['--help', 0],
    ['status', 0],
  ])('`taskmaster %s | head` ends quietly with exit %i', (args, code) => {
    project = sampleProject();
    const result = piped(project, args);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('Unhandled');
    expect(result.code).toBe(code);
  });

  it('a closed stderr ends `validate` of a broken file quietly with its exit 2', () => {
    project = sampleProject();
    project.repo.write('tasks.yml', 'tasks:\n  - title: no id\n');
    const result = piped(project, 'validate tasks.yml', '2>&1 >/dev/null');
    expect(result.code).toBe(2);
  });

  it('a run whose output is not read stops as Ctrl+C stops it: state saved, exit 130', () => {
    project = sampleProject();
    const result = piped(project, 'run tasks.yml');
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(130);
    expect(project.state()).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
  });
});
