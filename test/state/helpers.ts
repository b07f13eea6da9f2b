import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { initialState, type RunState } from '../../src/state/run-state.js';

/** Makes temporary directories that are removed after each test. Call at the top of a `describe`. */
export function tempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taskmaster-state-'));
    made.push(dir);
    return dir;
  };
}

export const TASKS = [
  { id: 'task-1', title: 'Setup project structure' },
  { id: 'task-2', title: 'Create database models' },
  { id: 'task-3', title: 'Implement login endpoint' },
];

export function sampleState(overrides: Partial<RunState> = {}): RunState {
  return { ...initialState('tasks.yml', TASKS, new Date(Date.UTC(2025, 10, 16, 10, 0, 0))), ...overrides };
}

/** Absolute path of a fixture script run in a child process. */
export function fixture(name: string): string {
  return new URL(`../fixtures/state/${name}`, import.meta.url).pathname;
}
