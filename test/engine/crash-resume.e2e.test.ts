/**
 * A run killed at any point resumes without redoing finished work (docs/state-and-resume.md). The real CLI is killed
 * with SIGKILL — no handler runs, nothing is flushed — during a hook, between tasks and while it saves
 * state. After each kill the state file must load and pass the schema, and at the end `taskmaster
 * resume` has finished the run with every completed task's work done (and committed) exactly once.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guideProject, runCounts } from './helpers/guide-project.js';
import { completedOnDisk, exited, fileAppears, killOnChange } from './helpers/kill-points.js';
import { type Project, readState } from './helpers/project.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/**
 * Run by every post-hook: task-2's, the first time, says so and waits to be killed with the runner. The
 * test kills the runner: a sandboxed hook cannot see its process (see docs/security.md).
 */
const KILL_IN_TASK_2_HOOK =
  'if [ "$TASKMASTER_HOOK" = check-task-2 ] && [ ! -f "$MARK/killed" ]; then touch "$MARK/killed"; sleep 60; exit 1; fi; ';

interface KillRecord {
  point: string;
  completed: string[];
  runs: Record<string, number>;
}

describe('SIGKILL at any point, then resume (slow: spawned CLI, real hooks, real git)', () => {
  it('keeps a valid state after each kill and finishes without redoing a completed task', async () => {
    project = guideProject({ hookPrefix: KILL_IN_TASK_2_HOOK });
    const p = project;
    const stateDir = path.join(p.dir, '.taskmaster');
    const stateFile = path.join(stateDir, 'state.json');
    const kills: KillRecord[] = [];
    const afterKill = (point: string): KillRecord => {
      const record = { point, completed: p.state().completed_task_ids, runs: runCounts(p) };
      kills.push(record);
      return record;
    };

    // 1. In the middle of task-2's post-hook.
    const first = p.spawn(['run', 'tasks.yml', '--auto-apply']);
    await fileAppears(path.join(p.mark, 'killed'));
    first.child.kill('SIGKILL');
    expect(await exited(first.child), first.output()).toEqual({ code: null, signal: 'SIGKILL' });
    const duringHook = afterKill('during a hook');
    expect(duringHook.completed).toEqual(['task-1']);
    expect(duringHook.runs).toEqual({ 'task-1': 1 });

    // 2. Right after task-3 is recorded as completed, before the next task gets going.
    const second = p.spawn(['resume', '--auto-apply']);
    const betweenTrigger = await killOnChange(
      second.child,
      stateDir,
      (name) => name === 'state.json' && completedOnDisk(stateFile).includes('task-3'),
    );
    expect(betweenTrigger, second.output()).toBe('state.json');
    expect((await exited(second.child)).signal).toBe('SIGKILL');
    expect(afterKill('between tasks').completed).toEqual(
      expect.arrayContaining(['task-1', 'task-2', 'task-3']),
    );

    // 3. While a save is writing its temporary file (the fourth save event of this run).
    const third = p.spawn(['resume', '--auto-apply']);
    let saveEvents = 0;
    const saveTrigger = await killOnChange(
      third.child,
      stateDir,
      (name) => name.startsWith('state.json.tmp-') && ++saveEvents >= 4,
    );
    expect(saveTrigger, third.output()).toMatch(/^state\.json\.tmp-/);
    expect((await exited(third.child)).signal).toBe('SIGKILL');
    afterKill('while writing state');
    // A save cut short leaves its temporary file; make sure one is there, torn, for the resume to meet.
    if (!readdirSync(stateDir).some((name) => name.startsWith('state.json.tmp-')))
      writeFileSync(path.join(stateDir, 'state.json.tmp-999999'), '{"version": 1, "task_fi');

    const last = await p.run(['resume', '--auto-apply']);

    expect(last.code, last.stderr).toBe(0);
    const state = p.state();
    const ids = ['task-1', 'task-2', 'task-3', 'task-4', 'task-5'];
    expect(state.completed_task_ids).toEqual(ids);
    expect(state.status).toBe('completed');
    const finalRuns = runCounts(p);
    for (const kill of kills) {
      for (const id of kill.completed)
        expect(finalRuns[id], `${id} after the kill ${kill.point}`).toBe(kill.runs[id]);
    }
    expect(Object.keys(finalRuns).sort()).toEqual(ids);
    const subjects = p.repo.git('log', '--format=%s').split('\n');
    for (const id of ids) expect(subjects.filter((s) => s.startsWith(`taskmaster(${id}):`))).toHaveLength(1);
    expect(Object.keys(state.applied_commits).sort()).toEqual(ids);
    expect(readdirSync(stateDir).filter((name) => name.startsWith('state.json.tmp-'))).toEqual([]);
    expect(readState(path.join(stateDir, 'state.json.bak')).task_file).toBe('tasks.yml');
  });
});
