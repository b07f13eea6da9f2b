/**
 * A real CLI process busy in a slow hook: the guide's "Concurrent Runs" (a second run on the same state
 * directory is refused, a separate TASKMASTER_STATE_DIR works) and "User abort (Ctrl+C)" (exit 130,
 * state saved, the interrupted attempt not counted, `taskmaster resume` finishes).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exited, fileAppears } from './helpers/kill-points.js';
import { sleepers, uniqueSleep } from './helpers/processes.js';
import { createProject, type Project, readState } from './helpers/project.js';
import { finish, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** The slow hook's `sleep`, found by its argument (a sandboxed hook's own pids mean nothing here). */
const SLEEP = uniqueSleep();

/** Sleeps the first time it runs (leaving `$MARK/hook.started`), then checks the agent's work. */
const SLOW_ONCE = `if [ ! -f "$MARK/hook.started" ]; then touch "$MARK/hook.started"; exec sleep ${SLEEP}; fi; test -f done.txt`;

describe('a run busy in a slow hook (slow: spawned CLI, real hooks, real git)', () => {
  it('refuses a second run on its state directory, lets one with its own run, and exits 130 on Ctrl+C; resume finishes', async () => {
    project = createProject({
      config: { hooks: { slow: { command: SLOW_ONCE, timeout: 120 } } },
      tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['slow'] }],
      script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
    });
    const busy = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'hook.started'));

    const refused = await project.run(['run', 'tasks.yml']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `Another TaskMaster run is using the state directory .taskmaster: .taskmaster/state.lock is held by pid ${busy.child.pid} on host`,
    );
    expect(refused.stderr).toContain('  TASKMASTER_STATE_DIR=.taskmaster-2 taskmaster run tasks.yml');

    const separate = await project.run(['run', 'tasks.yml'], {
      env: { TASKMASTER_STATE_DIR: '.taskmaster-2' },
    });
    expect(separate.code, separate.stderr).toBe(0);
    expect(readState(path.join(project.dir, '.taskmaster-2/state.json')).status).toBe('completed');

    expect(sleepers(SLEEP)).toHaveLength(1);
    busy.child.kill('SIGINT');
    expect(await exited(busy.child)).toEqual({ code: 130, signal: null });
    expect(busy.output()).toContain('Interrupted; state saved. Run `taskmaster resume` to continue.');
    expect(sleepers(SLEEP)).toEqual([]);
    let state = project.state();
    expect(state).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
    expect(state.attempt_counts['task-1'] ?? 0).toBe(0);

    const resumed = await project.run(['resume']);

    expect(resumed.code, resumed.stderr).toBe(0);
    state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1']);
    expect(state.attempt_counts['task-1']).toBe(1);
  });
});
