import { hostname } from 'node:os';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { FakeClock } from '../../src/engine/ports.js';
import { FileStateStore } from '../../src/state/file-state-store.js';
import { acquireStateLock } from '../../src/state/state-lock.js';
import { statePaths } from '../../src/state/state-paths.js';
import { deadPid, runFixture } from './child.js';
import { compileForChildren } from './compile-for-children.js';
import { sampleState, tempDirs } from './helpers.js';

async function writeLock(dir: string, content: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'state.lock'), typeof content === 'string' ? content : JSON.stringify(content));
}

async function lockError(promise: Promise<unknown>): Promise<StateError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateError);
  expect((error as StateError).kind).toBe('locked');
  return error as StateError;
}

describe('state lock within one process', () => {
  const tempDir = tempDirs();

  it('creates the directory and a lock naming this process', async () => {
    const dir = join(await tempDir(), '.taskmaster');
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0));
    await new FileStateStore(dir, { clock }).lock();
    const info = JSON.parse(await readFile(join(dir, 'state.lock'), 'utf8')) as Record<string, unknown>;
    expect(info).toEqual({ pid: process.pid, hostname: hostname(), started_at: '2025-11-16T10:00:00.000Z' });
  });

  it('refuses a second store while the first holds the lock, saying what to do', async () => {
    const dir = join(await tempDir(), '.taskmaster');
    const clock = new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0));
    await new FileStateStore(dir, { clock }).lock();
    const second = new FileStateStore(dir, { displayDir: '.taskmaster', taskFileHint: 'api.yml' });
    const { message } = await lockError(second.lock());
    expect(message).toContain(`.taskmaster/state.lock is held by pid ${process.pid} on host ${hostname()}`);
    expect(message).toContain('started 2025-11-16T10:00:00.000Z');
    expect(message).toContain('TASKMASTER_STATE_DIR=.taskmaster-2 taskmaster run api.yml');
    expect(message).toContain(
      'If no run is active, delete the lock and try again: rm .taskmaster/state.lock',
    );
  });

  it('lets the next run in after release, and release removes only its own lock', async () => {
    const dir = await tempDir();
    const first = await new FileStateStore(dir).lock();
    await first.release();
    expect(await readdir(dir)).toEqual([]);
    await new FileStateStore(dir).lock();
    const before = await readFile(join(dir, 'state.lock'), 'utf8');
    await first.release();
    expect(await readFile(join(dir, 'state.lock'), 'utf8')).toBe(before);
  });

  it('takes over a lock whose process is gone, and says so', async () => {
    const dir = await tempDir();
    const pid = await deadPid();
    await writeLock(dir, { pid, hostname: hostname(), started_at: '2025-11-16T09:00:00.000Z' });
    const warnings: string[] = [];
    await new FileStateStore(dir, { onWarning: (w) => warnings.push(w) }).lock();
    expect(warnings).toEqual([expect.stringContaining(`pid ${pid}`)]);
    expect(warnings[0]).toContain(`process ${pid} is no longer running`);
    const info = JSON.parse(await readFile(join(dir, 'state.lock'), 'utf8')) as { pid: number };
    expect(info.pid).toBe(process.pid);
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'locked!'],
    ['missing fields', '{"pid": 12}'],
  ])('takes over a lock file that is %s', async (_label, content) => {
    const dir = await tempDir();
    await writeLock(dir, content);
    const warnings: string[] = [];
    await new FileStateStore(dir, { onWarning: (w) => warnings.push(w) }).lock();
    expect(warnings[0]).toContain('unreadable or not a lock');
  });

  it('respects a recent lock from another host but takes over one older than 24 hours', async () => {
    const dir = await tempDir();
    const started = Date.UTC(2025, 10, 16, 10, 0, 0);
    await writeLock(dir, { pid: 4242, hostname: 'ci-runner-7', started_at: new Date(started).toISOString() });
    const clock = new FakeClock(started + 23 * 3600_000);
    const { message } = await lockError(new FileStateStore(dir, { clock }).lock());
    expect(message).toContain('pid 4242 on host ci-runner-7');
    clock.advance(2 * 3600_000);
    const warnings: string[] = [];
    await new FileStateStore(dir, { clock, onWarning: (w) => warnings.push(w) }).lock();
    expect(warnings[0]).toContain('more than 24 hours ago');
  });

  it('treats a live pid on this host as holding the lock', async () => {
    const dir = await tempDir();
    await writeLock(dir, { pid: 99999, hostname: 'here', started_at: '2025-11-16T10:00:00.000Z' });
    const paths = statePaths(dir);
    await lockError(acquireStateLock(paths, { hostname: 'here', isAlive: () => true }));
    await acquireStateLock(paths, { hostname: 'here', isAlive: () => false });
  });

  it('lets only one of several stores racing for a stale lock win', async () => {
    const dir = await tempDir();
    await writeLock(dir, {
      pid: await deadPid(),
      hostname: hostname(),
      started_at: '2025-11-16T10:00:00.000Z',
    });
    const results = await Promise.allSettled([1, 2, 3].map(() => new FileStateStore(dir).lock()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('clears temporary files left by a process that died mid-save', async () => {
    const dir = await tempDir();
    const store = new FileStateStore(dir);
    await store.save(sampleState());
    await writeFile(join(dir, 'state.json.tmp-1'), '{"half": ');
    await store.lock();
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.lock']);
  });
});

describe('state lock across processes', () => {
  const tempDir = tempDirs();
  let compiled: Awaited<ReturnType<typeof compileForChildren>>;
  beforeAll(async () => {
    compiled = await compileForChildren('state/file-state-store.ts');
  });
  afterAll(() => compiled.dispose());

  it('is refused while another live process holds it, and taken over once it is killed', async () => {
    const dir = await tempDir();
    const holder = runFixture('hold-lock.mjs', [compiled.dir, dir]);
    try {
      await holder.waitForLine((l) => l === 'locked');
      const { message } = await lockError(new FileStateStore(dir).lock());
      expect(message).toContain(`pid ${holder.pid} on host ${hostname()}`);
    } finally {
      holder.process.kill('SIGKILL');
      await holder.exited;
    }
    const warnings: string[] = [];
    await new FileStateStore(dir, { onWarning: (w) => warnings.push(w) }).lock();
    expect(warnings[0]).toContain(`process ${holder.pid} is no longer running`);
  });

  it('gives a stale lock to exactly one of several racing processes', async () => {
    for (let round = 0; round < 2; round += 1) {
      const dir = await tempDir();
      await writeLock(dir, {
        pid: await deadPid(),
        hostname: hostname(),
        started_at: '2025-11-16T10:00:00.000Z',
      });
      const racers = [1, 2, 3, 4].map(() => runFixture('race-lock.mjs', [compiled.dir, dir]));
      try {
        await Promise.all(racers.map((r) => r.waitForLine((l) => l === 'ready')));
        racers.forEach((r) => r.process.stdin?.write('go\n'));
        const outcomes = await Promise.all(racers.map((r) => r.waitForLine((l) => l !== 'ready')));
        expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'locked')).toHaveLength(3);
        const winner = racers[outcomes.indexOf('won')];
        const info = JSON.parse(await readFile(join(dir, 'state.lock'), 'utf8')) as { pid: number };
        expect(info.pid).toBe(winner?.pid);
      } finally {
        racers.forEach((r) => r.process.stdin?.end());
        await Promise.all(racers.map((r) => r.exited));
      }
    }
  });
});
