import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeHookFailure, runHookList } from '../../src/hooks/hook-list.js';
import type { HookResult } from '../../src/hooks/types.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

describe('runHookList', () => {
  it('runs hooks in order, goes on past a failing stop_on_failure:false hook and stops at a stop_on_failure one', async () => {
    const dir = tempDir();
    const hooks = [
      makeHook({ name: 'format', command: 'touch format.ran' }),
      makeHook({ name: 'lint', command: 'touch lint.ran; exit 1', stop_on_failure: false }),
      makeHook({ name: 'test', command: 'touch test.ran; exit 1', stop_on_failure: true }),
      makeHook({ name: 'build', command: 'touch build.ran' }),
    ];
    const results = await runHookList(makeRunner(dir), hooks, { phase: 'post' });

    expect(results.map((r) => [r.hook, r.passed])).toEqual([
      ['format', true],
      ['lint', false],
      ['test', false],
    ]);
    expect(existsSync(join(dir, 'test.ran'))).toBe(true);
    expect(existsSync(join(dir, 'build.ran'))).toBe(false);
  });

  it('runs every hook when all pass', async () => {
    const dir = tempDir();
    const hooks = [makeHook({ name: 'a', command: 'true' }), makeHook({ name: 'b', command: 'true' })];
    const results = await runHookList(makeRunner(dir), hooks, { phase: 'pre' });

    expect(results.map((r) => r.passed)).toEqual([true, true]);
  });

  it('starts no hook once the run is interrupted', async () => {
    const dir = tempDir();
    const hooks = [makeHook({ name: 'a', command: 'touch a.ran' })];
    const results = await runHookList(makeRunner(dir), hooks, {
      phase: 'pre',
      signal: AbortSignal.abort(),
    });

    expect(results).toEqual([]);
    expect(existsSync(join(dir, 'a.ran'))).toBe(false);
  });
});

describe('describeHookFailure', () => {
  const base: HookResult = {
    hook: 'test',
    command: 'pytest',
    passed: false,
    exitCode: 1,
    timedOut: false,
    durationMs: 10,
    runs: 1,
    stopOnFailure: true,
    output: '',
  };

  it('matches the guide for a failing exit code', () => {
    expect(describeHookFailure({ ...base, failure: { kind: 'exit', exitCode: 1 } })).toBe(
      'test hook failed (exit code 1)',
    );
  });

  it('names the timeout', () => {
    const result = {
      ...base,
      exitCode: null,
      timedOut: true,
      failure: { kind: 'timeout', timeoutSeconds: 300 },
    } as const;
    expect(describeHookFailure(result)).toBe('test hook timed out after 300s');
  });

  it('works for results built without failure details', () => {
    expect(describeHookFailure(base)).toBe('test hook failed (exit code 1)');
    expect(describeHookFailure({ ...base, exitCode: null, timedOut: true })).toBe('test hook timed out');
    expect(describeHookFailure({ ...base, exitCode: null })).toBe('test hook failed');
  });
});
