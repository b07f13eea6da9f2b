import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { FileStateStore } from '../../src/state/file-state-store.js';
import { sampleState, tempDirs } from './helpers.js';

const GUIDE_RECOVERY = `Failed to load state: Invalid JSON

To recover:
  1. Backup corrupted file: cp .taskmaster/state.json state.backup
  2. Remove state: rm -f .taskmaster/state.json .taskmaster/state.json.bak
  3. Start fresh: taskmaster run tasks.yml
  Or all in one: taskmaster run tasks.yml --fresh (keeps the corrupted file as state.json.<time>.old)`;

async function storeIn(root: string, opts: ConstructorParameters<typeof FileStateStore>[1] = {}) {
  const dir = join(root, '.taskmaster');
  return { dir, store: new FileStateStore(dir, { displayDir: '.taskmaster', ...opts }) };
}

async function loadError(store: FileStateStore): Promise<StateError> {
  const error: unknown = await store.load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateError);
  return error as StateError;
}

describe('FileStateStore save and load', () => {
  const tempDir = tempDirs();

  it('returns null when there is no state yet', async () => {
    const { store } = await storeIn(await tempDir());
    expect(await store.load()).toBeNull();
  });

  it('round-trips a state, creating the directory', async () => {
    const { store } = await storeIn(await tempDir());
    const state = sampleState({ completed_task_ids: ['task-1'], current_task_index: 1 });
    state.failure_counts['task-3'] = 2;
    state.applied_commits['task-1'] = 'abc123';
    await store.save(state);
    expect(await store.load()).toEqual(state);
  });

  it('writes pretty JSON with a trailing newline, guide fields first', async () => {
    const { dir, store } = await storeIn(await tempDir());
    await store.save(sampleState());
    const text = await readFile(join(dir, 'state.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "task_file": "tasks.yml",\n');
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys.slice(0, 5)).toEqual([
      'task_file',
      'completed_task_ids',
      'current_task_index',
      'created_at',
      'updated_at',
    ]);
    expect(keys.indexOf('rate_limit_usage')).toBeLessThan(keys.indexOf('version'));
  });

  it('keeps the previous version as state.json.bak and leaves no temporary file', async () => {
    const { dir, store } = await storeIn(await tempDir());
    await store.save(sampleState({ current_task_index: 1 }));
    await store.save(sampleState({ current_task_index: 2 }));
    await store.save(sampleState({ current_task_index: 3 }));
    const bak = JSON.parse(await readFile(join(dir, 'state.json.bak'), 'utf8')) as {
      current_task_index: number;
    };
    expect(bak.current_task_index).toBe(2);
    expect((await store.load())?.current_task_index).toBe(3);
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('serialises concurrent saves so the last one wins', async () => {
    const { store } = await storeIn(await tempDir());
    await Promise.all([1, 2, 3, 4].map((i) => store.save(sampleState({ current_task_index: i }))));
    expect((await store.load())?.current_task_index).toBe(4);
  });

  it('refuses to save a state that could not be loaded again', async () => {
    const { dir, store } = await storeIn(await tempDir());
    await store.save(sampleState());
    const before = await readFile(join(dir, 'state.json'));
    const bad = sampleState({ current_task_index: -1 });
    await expect(store.save(bad)).rejects.toMatchObject({ kind: 'invalid' });
    expect(await readFile(join(dir, 'state.json'))).toEqual(before);
  });

  it('names the location for messages', async () => {
    const { store } = await storeIn(await tempDir());
    expect(store.location).toBe('.taskmaster/state.json');
  });
});

describe('FileStateStore refusing a broken state file', () => {
  const tempDir = tempDirs();

  async function brokenStore(content: string, opts: ConstructorParameters<typeof FileStateStore>[1] = {}) {
    const { dir, store } = await storeIn(await tempDir(), opts);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'state.json'), content);
    return { dir, store };
  }

  async function expectUntouched(dir: string, run: () => Promise<unknown>): Promise<void> {
    const before = await readFile(join(dir, 'state.json'));
    const names = (await readdir(dir)).sort();
    await run();
    expect(await readFile(join(dir, 'state.json'))).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(names);
  }

  it('gives the guide recovery text, exactly, for a file that is not JSON', async () => {
    const { dir, store } = await brokenStore('{"task_file": "tasks.yml", "completed');
    await expectUntouched(dir, async () => {
      const error = await loadError(store);
      expect(error.kind).toBe('corrupt');
      expect(error.message).toBe(GUIDE_RECOVERY);
    });
  });

  it('treats an empty file as corrupt', async () => {
    const { store } = await brokenStore('');
    expect((await loadError(store)).kind).toBe('corrupt');
  });

  it('names the task file it was given', async () => {
    const { store } = await brokenStore('nope', { taskFileHint: 'backend tasks.yml' });
    expect((await loadError(store)).message).toContain("3. Start fresh: taskmaster run 'backend tasks.yml'");
  });

  it('offers the backup when a loadable state.json.bak exists', async () => {
    const { dir, store } = await brokenStore('x');
    await writeFile(join(dir, 'state.json.bak'), JSON.stringify(sampleState()));
    await expectUntouched(dir, async () => {
      const { message } = await loadError(store);
      expect(message).toBe(
        `${GUIDE_RECOVERY}\n  Or restore the previous save instead: cp .taskmaster/state.json.bak .taskmaster/state.json`,
      );
    });
  });

  it('does not offer a backup that is itself broken', async () => {
    const { dir, store } = await brokenStore('x');
    await writeFile(join(dir, 'state.json.bak'), '{');
    expect((await loadError(store)).message).toBe(GUIDE_RECOVERY);
  });

  it('names the field that fails the schema, with the same recovery steps', async () => {
    const state = sampleState() as unknown as Record<string, unknown>;
    state.failure_counts = { 'task-3': 'two' };
    delete state.status;
    const { dir, store } = await brokenStore(JSON.stringify(state));
    await expectUntouched(dir, async () => {
      const error = await loadError(store);
      expect(error.kind).toBe('invalid');
      const [first, blank, ...rest] = error.message.split('\n');
      expect(first).toMatch(/^Failed to load state: /);
      expect(first).toContain('missing field "status"');
      expect(first).toContain(
        'field "failure_counts.task-3": invalid input: expected number, received string',
      );
      expect(blank).toBe('');
      expect(rest.join('\n')).toBe(GUIDE_RECOVERY.split('\n').slice(2).join('\n'));
    });
  });

  it('names array positions in nested fields', async () => {
    const state = sampleState() as unknown as { completed_task_ids: unknown[] };
    state.completed_task_ids = ['task-1', 7];
    const { store } = await brokenStore(JSON.stringify(state));
    expect((await loadError(store)).message).toContain('field "completed_task_ids[1]"');
  });

  it('says a newer TaskMaster wrote a state with a newer version', async () => {
    const { dir, store } = await brokenStore(JSON.stringify({ ...sampleState(), version: 7, new_thing: {} }));
    await expectUntouched(dir, async () => {
      const { message } = await loadError(store);
      expect(message).toContain('.taskmaster/state.json was written by a newer TaskMaster');
      expect(message).toContain('state version 7; this version reads version 1');
      expect(message).toContain('taskmaster run tasks.yml --fresh');
    });
  });

  it.skipIf(process.getuid?.() === 0)('reports a state file it cannot read as an I/O problem', async () => {
    const { dir, store } = await brokenStore(JSON.stringify(sampleState()));
    await chmod(join(dir, 'state.json'), 0o000);
    const error = await loadError(store);
    expect(error.kind).toBe('io');
    expect(error.message).toContain('Failed to read .taskmaster/state.json');
    await chmod(join(dir, 'state.json'), 0o644);
  });
});

describe('FileStateStore.archive', () => {
  const tempDir = tempDirs();

  it('moves state.json aside under a UTC timestamp and returns its path', async () => {
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 30));
    const { dir, store } = await storeIn(await tempDir(), { clock });
    await store.save(sampleState({ current_task_index: 1 }));
    await store.save(sampleState({ current_task_index: 2 }));
    expect(await store.archive()).toBe('.taskmaster/state.json.20251116T101530Z.old');
    expect(await store.load()).toBeNull();
    expect(await readdir(dir)).toEqual(['state.json.20251116T101530Z.old']);
    const kept = await readFile(join(dir, 'state.json.20251116T101530Z.old'), 'utf8');
    expect((JSON.parse(kept) as { current_task_index: number }).current_task_index).toBe(2);
  });

  it('never overwrites an earlier archive made in the same second', async () => {
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 15, 30));
    const { store } = await storeIn(await tempDir(), { clock });
    await store.save(sampleState());
    await store.archive();
    await store.save(sampleState());
    expect(await store.archive()).toBe('.taskmaster/state.json.20251116T101530Z-1.old');
  });

  it('returns null when there is nothing to archive', async () => {
    const { store } = await storeIn(await tempDir());
    expect(await store.archive()).toBeNull();
  });
});
