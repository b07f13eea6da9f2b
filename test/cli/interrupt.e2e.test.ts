/**
 * Ctrl+C and SIGTERM against a real CLI process: at the guide's two prompts (on a real terminal) and
 * while a hook runs. Every way of stopping ends the same: exit 130 (143 for SIGTERM), the state saved
 * as paused/interrupted, and no `state.lock` left behind.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnInTerminal } from '../support/cli-runner.js';
import { exited, fileAppears } from '../engine/helpers/kill-points.js';
import { createProject, type Project } from '../engine/helpers/project.js';
import { finish, write } from '../engine/helpers/turns.js';

let project: Project | undefined;
let terminal: ReturnType<typeof spawnInTerminal> | undefined;
afterEach(() => {
  if (terminal?.child.exitCode === null) terminal.child.kill('SIGKILL');
  project?.cleanup();
});

const CTRL_C = '\x03';

/** One task whose check always fails, so the first attempt ends at the intervention prompt. */
function failingProject(): Project {
  return createProject({
    config: { hooks: { check: { command: 'false' } }, max_attempts_per_task: 1 },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['check'] }],
    script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
  });
}

/** Resolves once `done()` holds, checking every 20 ms for at most 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 10_000) throw new Error('timed out waiting for the run');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function lockLeft(p: Project): boolean {
  return existsSync(path.join(p.dir, '.taskmaster/state.lock'));
}

describe('Ctrl+C at a prompt (slow: real terminal, spawned CLI)', () => {
  it('at [R]etry / [S]kip / [A]bort: exits 130 at once, state paused/interrupted, lock released', async () => {
    project = failingProject();
    const cli = (terminal = spawnInTerminal(['run', 'tasks.yml'], { cwd: project.dir, env: project.env() }));
    await cli.shows('Choice: ');
    cli.type(CTRL_C);
    const { code, screen } = await cli.done;

    expect(code).toBe(130);
    expect(screen).toContain('Interrupted; state saved. Run `taskmaster resume` to continue.');
    expect(project.state()).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
    expect(lockLeft(project)).toBe(false);
  });

  it('at Resume from task N? [Y/n]: exits 130, the saved state unchanged, lock released', async () => {
    project = failingProject();
    const first = await project.run(['run', 'tasks.yml']);
    expect(first.code).toBe(3);
    const before = project.state();

    const cli = (terminal = spawnInTerminal(['run', 'tasks.yml'], { cwd: project.dir, env: project.env() }));
    await cli.shows('Resume from task 1? [Y/n]: ');
    cli.type(CTRL_C);
    const { code, screen } = await cli.done;

    expect(code).toBe(130);
    expect(screen).toContain('Interrupted before the run started; the saved state is unchanged.');
    expect(project.state()).toEqual(before);
    expect(lockLeft(project)).toBe(false);
  });
});

/** Sleeps in a hook, leaving its pid in `$MARK/hook.pid`; with `ignoreTerm` the hook outlives SIGTERM. */
function slowProject(ignoreTerm = false): Project {
  const trap = ignoreTerm ? "trap '' TERM; " : '';
  return createProject({
    config: { hooks: { slow: { command: `${trap}echo $$ > "$MARK/hook.pid"; sleep 60`, timeout: 120 } } },
    tasks: [{ id: 'task-1', title: 'Write done.txt', post_hooks: ['slow'] }],
    script: { 'task-1': [[write('done.txt', 'done\n'), finish()]] },
  });
}

describe('signals while a hook runs (slow: spawned CLI, real hooks)', () => {
  it('SIGINT then SIGTERM (a cancelled CI job) still saves the state and exits 130', async () => {
    project = slowProject();
    const run = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'hook.pid'));
    run.child.kill('SIGINT');
    // As a runner does: SIGTERM once the run has taken the SIGINT (signals sent back to back may arrive
    // in either order, which the next test covers).
    await until(() => run.output().includes('Interrupted: stopping'));
    run.child.kill('SIGTERM');

    expect(await exited(run.child)).toEqual({ code: 130, signal: null });
    expect(project.state(), run.output()).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
    expect(lockLeft(project)).toBe(false);
  });

  it('SIGTERM and SIGINT at once, in whichever order they arrive, still save the state', async () => {
    project = slowProject();
    const run = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'hook.pid'));
    run.child.kill('SIGTERM');
    run.child.kill('SIGINT');

    // The kernel may hand over the pending SIGINT first: the first to arrive names the exit code.
    const { code, signal } = await exited(run.child);
    expect(signal).toBeNull();
    expect([130, 143]).toContain(code);
    expect(project.state(), run.output()).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
    expect(lockLeft(project)).toBe(false);
  });

  it('SIGTERM alone is handled like Ctrl+C: state saved, exit 143', async () => {
    project = slowProject();
    const run = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'hook.pid'));
    run.child.kill('SIGTERM');

    expect(await exited(run.child)).toEqual({ code: 143, signal: null });
    expect(run.output()).toContain('Received SIGTERM: stopping after saving state...');
    expect(project.state()).toMatchObject({ status: 'paused', pause_reason: 'interrupted' });
    expect(lockLeft(project)).toBe(false);
  });

  it('a second Ctrl+C quits at once and still leaves no lock', async () => {
    project = slowProject(true);
    const run = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'hook.pid'));
    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    run.child.kill('SIGINT');

    expect(await exited(run.child)).toEqual({ code: 130, signal: null });
    expect(lockLeft(project)).toBe(false);
  });
});
