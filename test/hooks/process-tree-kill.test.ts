import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseSandbox } from '../../src/hooks/choose-sandbox.js';
import { describeHookFailure } from '../../src/hooks/describe-hook-failure.js';
import type { Sandbox } from '../../src/hooks/sandbox.js';
import { sleepers, uniqueSleep } from '../engine/helpers/processes.js';
import { isRunning, makeHook, makeRunner, readPid, tempDir } from './helpers.js';

describe('ProcessHookRunner kills the whole process tree', () => {
  it('on timeout, kills the shell and a background grandchild', async () => {
    const dir = tempDir();
    const hook = makeHook({
      command: 'echo $$ > sh.pid; sleep 30 & echo $! > child.pid; sleep 30',
      timeout: 0.5,
    });
    const started = Date.now();
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ passed: false, timedOut: true, exitCode: null, runs: 1 });
    expect(describeHookFailure(result)).toBe('test hook timed out after 0.5s');
    expect(result.output).toContain('timed out after 0.5s');
    expect(isRunning(readPid(join(dir, 'sh.pid')))).toBe(false);
    expect(isRunning(readPid(join(dir, 'child.pid')))).toBe(false);
  });

  it('on timeout, kills a grandchild that left the process group with setsid', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'setsid sleep 30 & echo $! > child.pid; sleep 30', timeout: 0.8 });
    const run = makeRunner(dir).run(hook, { phase: 'post' });
    await waitFor(() => readFileSync(join(dir, 'child.pid'), 'utf8').trim() !== '');
    const pid = readPid(join(dir, 'child.pid'));
    // The test means something only if the grandchild really escaped the hook's group.
    await waitFor(() => sessionOf(pid) === pid);
    const result = await run;

    expect(result.timedOut).toBe(true);
    expect(isRunning(pid)).toBe(false);
  });

  it('sends SIGKILL after the grace period to processes that ignore SIGTERM', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: "trap '' TERM; sleep 30 & echo $! > child.pid; wait", timeout: 0.3 });
    const started = Date.now();
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.timedOut).toBe(true);
    expect(isRunning(readPid(join(dir, 'child.pid')))).toBe(false);
  });

  it('on abort, kills the tree and resolves with a failed, not timed-out, result', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const hook = makeHook({
      command: 'sleep 30 & echo $! > child.pid; sleep 30',
      timeout: 60,
      retry_count: 3,
    });
    const run = makeRunner(dir).run(hook, { phase: 'pre', signal: controller.signal });
    await waitFor(() => readFileSync(join(dir, 'child.pid'), 'utf8').trim() !== '');
    controller.abort();
    const result = await run;

    expect(result).toMatchObject({ passed: false, timedOut: false, exitCode: null, runs: 1 });
    expect(result.failure).toEqual({ kind: 'interrupted' });
    expect(isRunning(readPid(join(dir, 'child.pid')))).toBe(false);
  });

  it('does not start a hook when the run is already interrupted', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'touch ran' });
    const result = await makeRunner(dir).run(hook, {
      phase: 'pre',
      signal: AbortSignal.abort(),
    });

    expect(result.passed).toBe(false);
    expect(result.failure).toEqual({ kind: 'interrupted' });
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
  });

  it('does not wait for, and does not leave behind, a background process of a finished hook', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'sleep 30 & echo $! > child.pid; echo done', timeout: 60 });
    const started = Date.now();
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ passed: true, exitCode: 0, output: 'done' });
    expect(isRunning(readPid(join(dir, 'child.pid')))).toBe(false);
  });
});

function sessionOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
  } catch {
    return undefined;
  }
}

/** Polls `check` (exceptions count as "not yet") every 20 ms, for at most 3 s. */
async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    try {
      if (check()) return;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 3 s');
}

const bwrapWorks =
  (await chooseSandbox('auto', { env: { PATH: process.env['PATH'] } })).sandbox.kind === 'bwrap';

/** Inside bubblewrap the pids a hook writes down are its namespace's: its processes are found by `sleepers`. */
describe.skipIf(!bwrapWorks)('... and inside bubblewrap (skipped where bubblewrap cannot run)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = (await chooseSandbox('bwrap', { env: { PATH: process.env['PATH'] } })).sandbox;
  });
  const runner = (dir: string) => makeRunner(dir, { sandbox });

  it('on timeout, kills the shell, a background grandchild and one that called setsid', async () => {
    const [a, b, c] = [uniqueSleep(), uniqueSleep(), uniqueSleep()];
    const dir = tempDir();
    const hook = makeHook({ command: `sleep ${a} & setsid sleep ${b} & sleep ${c}`, timeout: 0.8 });
    const run = runner(dir).run(hook, { phase: 'post' });
    await waitFor(() => [a, b, c].every((s) => sleepers(s).length > 0));
    const result = await run;

    expect(result).toMatchObject({ passed: false, timedOut: true, exitCode: null });
    expect([a, b, c].flatMap(sleepers)).toEqual([]);
  });

  it('kills processes that ignore SIGTERM', async () => {
    const a = uniqueSleep();
    const dir = tempDir();
    const run = runner(dir).run(makeHook({ command: `trap '' TERM; sleep ${a} & wait`, timeout: 0.5 }), {
      phase: 'post',
    });
    await waitFor(() => sleepers(a).length > 0);
    const started = Date.now();

    expect((await run).timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sleepers(a)).toEqual([]);
  });

  it('on abort, kills the tree', async () => {
    const a = uniqueSleep();
    const controller = new AbortController();
    const run = runner(tempDir()).run(makeHook({ command: `sleep ${a} & wait`, timeout: 60 }), {
      phase: 'pre',
      signal: controller.signal,
    });
    await waitFor(() => sleepers(a).length > 0);
    controller.abort();

    expect((await run).failure).toEqual({ kind: 'interrupted' });
    expect(sleepers(a)).toEqual([]);
  });

  it('leaves nothing behind of a hook that finished', async () => {
    const a = uniqueSleep();
    const result = await runner(tempDir()).run(
      makeHook({ command: `sleep ${a} & until [ -e /proc/$!/stat ]; do :; done; echo done` }),
      { phase: 'post' },
    );

    expect(result).toMatchObject({ passed: true, output: 'done' });
    expect(sleepers(a)).toEqual([]);
  });
});
