import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStateStore } from '../../src/state/file-state-store.js';
import { runFixture } from './child.js';
import { compileForChildren } from './compile-for-children.js';
import { sampleState, tempDirs } from './helpers.js';

const KILLS = 20;
/** Longest pause before a kill; the saver writes a file every millisecond or so. */
const MAX_KILL_DELAY_MS = 25;

function lastSaved(lines: readonly string[]): number {
  const numbers = lines.filter((l) => /^\d+$/.test(l)).map(Number);
  return numbers.at(-1) ?? -1;
}

describe('state saved by a process killed at random moments (slow: spawns 20 processes)', () => {
  const tempDir = tempDirs();
  let compiled: Awaited<ReturnType<typeof compileForChildren>>;
  beforeAll(async () => {
    compiled = await compileForChildren('state/file-state-store.ts');
  });
  afterAll(() => compiled.dispose());

  it('always loads a whole state: the last one saved or the one being saved', async () => {
    const dir = await tempDir();
    const store = new FileStateStore(dir);
    await store.save(sampleState());
    const startSaver = () => runFixture('crash-saver.mjs', [compiled.dir, dir]);
    let next = startSaver();
    for (let kill = 0; kill < KILLS; kill += 1) {
      const saver = next;
      if (kill + 1 < KILLS) next = startSaver();
      await saver.waitForLine((l) => l === 'ready');
      saver.process.stdin?.write('go\n');
      await saver.waitForLine((l) => /^\d+$/.test(l));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_KILL_DELAY_MS));
      saver.process.kill('SIGKILL');
      await saver.exited;
      const confirmed = lastSaved(saver.lines);
      const state = await store.load();
      // A save the child had confirmed is never lost; at most the one in flight also landed.
      expect(state?.current_task_index).toBeGreaterThanOrEqual(confirmed);
      expect(state?.current_task_index).toBeLessThanOrEqual(confirmed + 1);
      expect(state?.last_errors['task-1']).toHaveLength(
        20_000 + ((state?.current_task_index ?? 0) % 13) * 997,
      );
    }
    await store.lock();
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  }, 120_000);
});
