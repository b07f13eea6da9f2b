import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { describeHookFailure } from '../../src/hooks/describe-hook-failure.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

/** Fails until it has been run `n` times, printing the run number. */
const passesOnRun = (n: number): string =>
  `r=$(cat runs 2>/dev/null || echo 0); r=$((r+1)); echo $r > runs; echo "run $r"; [ $r -ge ${n} ]`;

describe('ProcessHookRunner retry_count', () => {
  it('re-runs a failing hook retry_count more times, waiting retry_delay between runs', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const hook = makeHook({ command: passesOnRun(99), retry_count: 2, retry_delay: 5 });
    const result = await makeRunner(dir, { clock }).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: false, exitCode: 1, runs: 3 });
    expect(clock.sleeps).toEqual([5000, 5000]);
    expect(result.durationMs).toBe(10_000);
    // The result is the last run's.
    expect(result.output).toBe('run 3');
  });

  it('passes when a re-run passes, and stops re-running then', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const chunks: string[] = [];
    const logFile = join(dir, 'post.log');
    const hook = makeHook({ command: passesOnRun(2), retry_count: 3, retry_delay: 2 });
    const result = await makeRunner(dir, { clock }).run(hook, {
      phase: 'post',
      logFile,
      onOutput: (c) => chunks.push(c),
    });

    expect(result).toMatchObject({ passed: true, exitCode: 0, runs: 2, output: 'run 2' });
    expect(clock.sleeps).toEqual([2000]);
    expect(chunks.join('')).toContain('test hook failed (exit code 1); running it again in 2s (run 2 of 4)');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('(run 1 of 4)');
    expect(log).toContain('(run 2 of 4)');
    expect(log).toContain('==== exit code 1 |');
    expect(log).toContain('==== exit code 0 | timed out: no | duration: 0.00s | runs: 2');
  });

  it('does not re-run a passing hook', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const result = await makeRunner(dir, { clock }).run(makeHook({ command: 'true', retry_count: 2 }), {
      phase: 'post',
    });

    expect(result.runs).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('re-runs a hook that timed out', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const hook = makeHook({ command: 'sleep 5', timeout: 0.2, retry_count: 1, retry_delay: 1 });
    const result = await makeRunner(dir, { clock }).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: false, timedOut: true, runs: 2 });
    expect(clock.sleeps).toEqual([1000]);
    expect(describeHookFailure(result)).toBe('test hook timed out after 0.2s');
  });

  it('stops re-running when the run is interrupted during the wait', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const clock = new FakeClock();
    const hook = makeHook({ command: 'echo once >> ran; exit 1', retry_count: 3, quiet: false });
    // The retry notice is the last thing before the wait: interrupt the run there.
    const onOutput = (chunk: string): void => {
      if (chunk.includes('running it again')) controller.abort();
    };
    const result = await makeRunner(dir, { clock }).run(hook, {
      phase: 'post',
      signal: controller.signal,
      onOutput,
    });

    expect(result).toMatchObject({ passed: false, exitCode: 1, runs: 1 });
    expect(readFileSync(join(dir, 'ran'), 'utf8')).toBe('once\n');
  });
});
