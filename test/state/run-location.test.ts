import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { FileStateStore } from '../../src/state/file-state-store.js';
import { claimRunPlace, listRuns, siblingStates } from '../../src/state/run-location.js';
import { findStateDirs } from '../../src/state/state-dirs.js';
import { runSlug } from '../../src/state/state-paths.js';
import { sampleState, tempDirs } from './helpers.js';

const newDir = tempDirs();

/** A store of `taskFile`'s run that saves one state, as `taskmaster run` would. */
async function runOnce(stateDir: string, taskFile: string, updatedAt = '2025-11-16T10:00:00.000Z') {
  const store = new FileStateStore(stateDir, { taskFile });
  const lock = await store.lock();
  await store.save(sampleState({ task_file: taskFile, updated_at: updatedAt }));
  await lock.release();
  return store;
}

describe('runs of several task files in one state directory', () => {
  it('names a run directory after the task file path', () => {
    expect(runSlug('frontend-tasks.yml')).toBe('frontend-tasks');
    expect(runSlug('ci/nightly.yaml')).toBe('ci-nightly');
    expect(runSlug('../other repo/tasks.yml')).toBe('other-repo-tasks');
  });

  it('gives the first task file the directory itself and the next one runs/<name>/', async () => {
    const dir = await newDir();
    const backend = await runOnce(dir, 'backend-tasks.yml');
    const frontend = await runOnce(dir, 'frontend-tasks.yml');

    expect(backend.runDir).toBe(dir);
    expect(frontend.runDir).toBe(join(dir, 'runs', 'frontend-tasks'));
    expect((await runOnce(dir, 'backend-tasks.yml')).runDir).toBe(dir);
    expect((await listRuns(dir)).map((r) => [r.taskFile, r.primary])).toEqual([
      ['backend-tasks.yml', true],
      ['frontend-tasks.yml', false],
    ]);
  });

  it('finds a run by the task file in its state, not by the directory name', async () => {
    const dir = await newDir();
    await runOnce(dir, 'x.yml');
    await runOnce(dir, 'a-b.yml');
    await runOnce(dir, 'a/b.yml');

    expect((await listRuns(dir)).map((r) => [r.taskFile, r.paths.dir])).toEqual([
      ['x.yml', dir],
      ['a-b.yml', join(dir, 'runs', 'a-b')],
      ['a/b.yml', join(dir, 'runs', 'a-b-2')],
    ]);
    expect((await runOnce(dir, 'a/b.yml')).runDir).toBe(join(dir, 'runs', 'a-b-2'));
    expect((await runOnce(dir, 'a-b.yml')).runDir).toBe(join(dir, 'runs', 'a-b'));
  });

  it('two new task files claiming at the same moment never share a place', async () => {
    const dir = await newDir();
    const [one, two] = await Promise.all([
      claimRunPlace(dir, 'one.yml', {}),
      claimRunPlace(dir, 'two.yml', {}),
    ]);

    expect(one.place.paths.dir).not.toBe(two.place.paths.dir);
    expect([one.place.primary, two.place.primary].sort()).toEqual([false, true]);
    await Promise.all([one.lock.release(), two.lock.release()]);
  });

  it('still refuses a second run of the same task file while the first holds its lock', async () => {
    const dir = await newDir();
    await runOnce(dir, 'backend-tasks.yml');
    await runOnce(dir, 'frontend-tasks.yml');
    const held = await claimRunPlace(dir, 'frontend-tasks.yml', { isAlive: () => true });

    const second = claimRunPlace(dir, 'frontend-tasks.yml', { isAlive: () => true, pid: 1 });

    await expect(second).rejects.toThrow(StateError);
    await expect(second).rejects.toThrow(
      /runs\/frontend-tasks\/state\.lock is held by .*running frontend-tasks\.yml/,
    );
    await held.lock.release();
  });

  it('offers the other task files\u2019 states, newest first, for carrying usage over', async () => {
    const dir = await newDir();
    await runOnce(dir, 'a.yml', '2025-11-16T10:00:00.000Z');
    await runOnce(dir, 'b.yml', '2025-11-16T12:00:00.000Z');
    await runOnce(dir, 'c.yml', '2025-11-16T11:00:00.000Z');

    expect((await siblingStates(dir, 'c.yml')).map((s) => s.task_file)).toEqual(['b.yml', 'a.yml']);
  });
});

describe('recognising TaskMaster state directories', () => {
  it('by what they hold, whatever their name', async () => {
    const root = await newDir();
    await runOnce(join(root, 'scratch'), 'tasks.yml');
    await runOnce(join(root, '.taskmaster-2'), 'tasks.yml');
    await runOnce(join(root, '.taskmaster-2'), 'other.yml');
    await mkdir(join(root, '.taskmaster-3'));
    await writeFile(join(root, '.taskmaster-3', 'state.json'), '{"name": "not ours"}');
    await runOnce(join(root, 'archived'), 'a.yml');
    await runOnce(join(root, 'archived'), 'b.yml');
    await new FileStateStore(join(root, 'archived')).archive();
    await mkdir(join(root, 'locked'));
    await writeFile(
      join(root, 'locked', 'state.lock'),
      JSON.stringify({ pid: 42, hostname: 'h', started_at: '2025-11-16T10:00:00.000Z' }),
    );

    const found = await findStateDirs(root, [
      'scratch/',
      'archived/',
      '.taskmaster-2/runs/other/state.json',
      '.taskmaster-2/state.json',
      '.taskmaster-3/state.json',
      'locked/state.lock',
      'src/state.json',
    ]);

    expect(found).toEqual(['.taskmaster-2', 'archived', 'locked', 'scratch']);
  });
});
