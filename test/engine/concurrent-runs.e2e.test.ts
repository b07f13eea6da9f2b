/**
 * The guide's "Concurrent Runs": option 1, two task files in one repository (in parallel and one after
 * the other), `status`/`resume` choosing between their runs, and option 2, two state directories whose
 * snapshots, prompts and commits leave each other's state out.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exited, fileAppears } from './helpers/kill-points.js';
import { createProject, type Project, readState } from './helpers/project.js';
import { finish, idle, type Turn, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** Waits (in the hook, real time, at most 30 s) until the other run has reached its hook too. */
const meet = (me: string, other: string, file: string) =>
  `touch "$MARK/${me}"; i=0; while [ ! -f "$MARK/${other}" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; ` +
  `test -f "$MARK/${other}" && test -f ${file}`;

/**
 * `backend-tasks.yml` and `frontend-tasks.yml`, each with its own script, both with a task `task-1`
 * (the same id, so that shared logs would collide): backend writes api.txt, frontend ui.txt. With
 * `together`, each task's post-hook passes only once the other run is in its hook as well.
 */
function twoTaskFiles(opts: { together?: boolean; frontendFailsFirst?: boolean } = {}): Project {
  const side = (name: string, file: string, other: string) => {
    const attempts: Turn[][] = [[write(file, `${name}\n`), finish()]];
    if (name === 'frontend' && opts.frontendFailsFirst) attempts.unshift(idle());
    return {
      [`${name}-tasks.yml`]: stringify({
        provider_configs: { replay: { type: 'scripted', script: `${name}-script.yml` } },
        tasks: [{ id: 'task-1', title: `Write ${file}`, post_hooks: [`check-${name}`] }],
      }),
      [`${name}-script.yml`]: stringify({ tasks: { 'task-1': { attempts } } }),
      hook: opts.together ? meet(name, other, file) : `test -f ${file}`,
    };
  };
  const { hook: backendHook, ...backend } = side('backend', 'api.txt', 'frontend');
  const { hook: frontendHook, ...frontend } = side('frontend', 'ui.txt', 'backend');
  return createProject({
    config: {
      hooks: {
        'check-backend': { command: backendHook, timeout: 60 },
        'check-frontend': { command: frontendHook, timeout: 60 },
      },
    },
    tasks: [{ id: 'unused', title: 'Not run here' }],
    files: { ...backend, ...frontend },
  });
}

/** The run directory holding `taskFile`'s state: `.taskmaster` or `.taskmaster/runs/<slug>`. */
function runDirOf(p: Project, taskFile: string): string {
  const dirs = ['.taskmaster', ...runsIn(p).map((name) => `.taskmaster/runs/${name}`)];
  const found = dirs.find((d) => {
    const file = path.join(p.dir, d, 'state.json');
    return existsSync(file) && readState(file).task_file === taskFile;
  });
  if (!found) throw new Error(`no state of ${taskFile} in ${dirs.join(', ')}`);
  return found;
}

function runsIn(p: Project): string[] {
  const runs = path.join(p.dir, '.taskmaster/runs');
  return existsSync(runs) ? readdirSync(runs).sort() : [];
}

const agentLog = (p: Project, runDir: string) => p.repo.read(`${runDir}/logs/task-1/agent.log`);
const committedFiles = (p: Project, sha: string) =>
  p.repo.git('show', '--name-only', '--format=', sha).split('\n').filter(Boolean).sort();

describe('option 1: two task files in one repository (slow: spawned CLIs, real hooks, real git)', () => {
  it('run in parallel, both complete, with separate state, logs and commits', async () => {
    project = twoTaskFiles({ together: true });

    const backend = project.spawn(['run', 'backend-tasks.yml', '--auto-apply']);
    const frontend = project.spawn(['run', 'frontend-tasks.yml', '--auto-apply']);

    expect(await exited(backend.child), backend.output()).toEqual({ code: 0, signal: null });
    expect(await exited(frontend.child), frontend.output()).toEqual({ code: 0, signal: null });
    const backendDir = runDirOf(project, 'backend-tasks.yml');
    const frontendDir = runDirOf(project, 'frontend-tasks.yml');
    expect([backendDir, frontendDir].sort()).toEqual(
      backendDir === '.taskmaster'
        ? ['.taskmaster', '.taskmaster/runs/frontend-tasks']
        : ['.taskmaster', '.taskmaster/runs/backend-tasks'],
    );
    expect(project.state(backendDir).completed_task_ids).toEqual(['task-1']);
    expect(project.state(frontendDir).completed_task_ids).toEqual(['task-1']);
    expect(agentLog(project, backendDir)).toContain('files written: api.txt');
    expect(agentLog(project, backendDir)).not.toContain('ui.txt');
    expect(agentLog(project, frontendDir)).toContain('files written: ui.txt');
    expect(agentLog(project, frontendDir)).not.toContain('api.txt');
    // Each commit holds its own task's file, though the other run's file was uncommitted beside it.
    const backendCommit = project.state(backendDir).applied_commits['task-1'] ?? '';
    const frontendCommit = project.state(frontendDir).applied_commits['task-1'] ?? '';
    expect(committedFiles(project, backendCommit)).toEqual(['api.txt']);
    expect(committedFiles(project, frontendCommit)).toEqual(['ui.txt']);
  });

  it('run one after the other: the first keeps the guide layout, the second gets runs/<name>/', async () => {
    project = twoTaskFiles();

    const backend = await project.run(['run', 'backend-tasks.yml']);
    expect(backend.code, backend.stderr).toBe(0);
    const frontend = await project.run(['run', 'frontend-tasks.yml']);
    expect(frontend.code, frontend.stderr).toBe(0);

    expect(project.state().task_file).toBe('backend-tasks.yml');
    expect(project.state('.taskmaster/runs/frontend-tasks')).toMatchObject({
      task_file: 'frontend-tasks.yml',
      status: 'completed',
    });
    expect(agentLog(project, '.taskmaster')).toContain('files written: api.txt');
    expect(agentLog(project, '.taskmaster/runs/frontend-tasks')).toContain('files written: ui.txt');
    expect(agentLog(project, '.taskmaster')).not.toContain('ui.txt');

    // Each task file finds its own run again.
    const again = await project.run(['run', 'frontend-tasks.yml']);
    expect(again.code, again.stderr).toBe(0);
    expect(runsIn(project)).toEqual(['frontend-tasks']);
    expect(project.state().task_file).toBe('backend-tasks.yml');
  });

  it("a repository with one task file keeps exactly the guide's layout", async () => {
    project = createProject({
      config: { hooks: { check: { command: 'test -f done.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
      script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(path.join(project.dir, '.taskmaster')).sort()).toEqual([
      'logs',
      'state.json',
      'state.json.bak',
    ]);
    expect(project.log('task-1', 'agent.log')).toContain('files written: done.txt');
  });
});

describe('status and resume with the runs of two task files (slow)', () => {
  it('list the runs and say how to choose; --task-file picks one', async () => {
    project = twoTaskFiles({ frontendFailsFirst: true });
    expect((await project.run(['run', 'backend-tasks.yml'])).code).toBe(0);
    const stopped = await project.run(['run', 'frontend-tasks.yml', '--stop-on-first-failure']);
    expect(stopped.code, stopped.stderr).toBe(1);

    const status = await project.run(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('.taskmaster holds the runs of 2 task files:');
    expect(status.stdout).toMatch(/backend-tasks\.yml\s+completed\s+1\/1/);
    expect(status.stdout).toMatch(/frontend-tasks\.yml\s+failed\s+0\/1/);
    expect(status.stdout).toContain('taskmaster status --task-file');

    const resume = await project.run(['resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('.taskmaster holds the runs of 2 task files:');
    expect(resume.stderr).toContain('Choose one with --task-file, e.g.: taskmaster resume --task-file');
    expect(project.state('.taskmaster/runs/frontend-tasks').status).toBe('failed');

    const one = await project.run(['status', '--task-file', 'frontend-tasks.yml']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Current Task Status');
    expect(one.stdout).toContain('frontend-tasks.yml');
    expect(one.stdout).not.toContain('backend-tasks.yml');

    const resumed = await project.run(['resume', '--task-file', 'frontend-tasks.yml']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(project.state('.taskmaster/runs/frontend-tasks')).toMatchObject({
      status: 'completed',
      completed_task_ids: ['task-1'],
    });
    expect(project.state().attempt_counts['task-1']).toBe(1);

    const unknown = await project.run(['resume', '--task-file', 'nope.yml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No run of nope.yml in .taskmaster.');
  });
});

describe('option 2: two TASKMASTER_STATE_DIRs in one work tree (slow: spawned CLI, real hooks, real git)', () => {
  it("leaves the other run's state out of snapshots, prompts and commits", async () => {
    // Run one's hook prints a line every 10 ms into .taskmaster-1/logs until run two is done; run two's
    // hook always fails, so its first attempt (which changes nothing) must count as no progress.
    const ticker =
      'if [ "$ROLE" = two ]; then exit 1; fi; test -f done.txt || exit 1; touch "$MARK/ticking"; i=0; ' +
      'while [ ! -f "$MARK/two-done" ] && [ $i -lt 3000 ]; do echo tick $i; i=$((i+1)); sleep 0.01; done';
    project = createProject({
      config: { hooks: { check: { command: ticker, timeout: 60 } } },
      tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
      script: { 'task-1': [idle(), [write('done.txt', 'done\n'), finish()]] },
    });
    const one = project.spawn(['run', 'tasks.yml', '--auto-apply'], {
      TASKMASTER_STATE_DIR: '.taskmaster-1',
      ROLE: 'one',
    });
    await fileAppears(path.join(project.mark, 'ticking'));

    const two = await project.run(['run', 'tasks.yml', '--stop-on-first-failure', '--verbose'], {
      env: { TASKMASTER_STATE_DIR: '.taskmaster-2', ROLE: 'two' },
    });
    writeFileSync(path.join(project.mark, 'two-done'), '');

    expect(two.code, two.stderr).toBe(1);
    expect(project.state('.taskmaster-2').non_progress_counts['task-1']).toBe(1);
    const prompt = project.repo.read('.taskmaster-2/logs/task-1/prompt.txt');
    expect(prompt).not.toContain('.taskmaster-1');
    expect(prompt).not.toContain('.taskmaster-2');

    expect(await exited(one.child), one.output()).toEqual({ code: 0, signal: null });
    const commit = project.state('.taskmaster-1').applied_commits['task-1'] ?? '';
    expect(committedFiles(project, commit)).toEqual(['done.txt']);
  });
});
