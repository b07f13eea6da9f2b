import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { describeHookFailure } from '../../src/hooks/describe-hook-failure.js';
import { makeHook, makeRunner, tempDir } from './helpers.js';

describe('ProcessHookRunner: results', () => {
  it('passes on exit code 0 and keeps stdout and stderr', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'echo to-out; echo to-err >&2' });
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ hook: 'test', passed: true, exitCode: 0, timedOut: false, runs: 1 });
    expect(result.output.split('\n').sort()).toEqual(['to-err', 'to-out']);
    expect(result.failure).toBeUndefined();
  });

  it('fails with the exit code of the command and says so in one line', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'echo "1 failed"; exit 3', stop_on_failure: false });
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: false, exitCode: 3, timedOut: false, stopOnFailure: false });
    expect(result.output).toBe('1 failed');
    expect(describeHookFailure(result)).toBe('test hook failed (exit code 3)');
  });

  it('reports a hook killed by a signal', async () => {
    const dir = tempDir();
    const result = await makeRunner(dir).run(makeHook({ command: 'kill -TERM $$' }), {
      phase: 'post',
    });

    expect(result).toMatchObject({ passed: false, exitCode: null, timedOut: false });
    expect(describeHookFailure(result)).toBe('test hook failed (killed by SIGTERM)');
  });

  it('reads stdin from /dev/null instead of waiting on the terminal', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'cat; read line || echo "no input"', timeout: 5 });
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: true, output: 'no input' });
  });

  it('keeps no output when capture_output is off', async () => {
    const dir = tempDir();
    const hook = makeHook({ command: 'echo hidden; exit 1', capture_output: false });
    const result = await makeRunner(dir).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: false, exitCode: 1, output: '' });
  });
});

describe('ProcessHookRunner: working directory', () => {
  it('runs in the repository root by default', async () => {
    const repo = tempDir();
    const result = await makeRunner(repo).run(makeHook({ command: 'pwd' }), { phase: 'post' });

    expect(result.output).toBe(repo);
  });

  it('runs in working_dir, resolving a relative one against the repository root', async () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'backend'));
    const hook = makeHook({ command: 'pwd', working_dir: './backend' });
    const result = await makeRunner(repo).run(hook, { phase: 'post' });

    expect(result.output).toBe(join(repo, 'backend'));
  });

  it('fails without throwing, and without retrying, when the working directory is missing', async () => {
    const repo = tempDir();
    const clock = new FakeClock();
    const hook = makeHook({
      command: 'true',
      working_dir: join(repo, 'nope'),
      retry_count: 2,
      capture_output: false,
    });
    const result = await makeRunner(repo, { clock }).run(hook, { phase: 'post' });

    expect(result).toMatchObject({ passed: false, exitCode: null, runs: 1 });
    expect(result.output).toContain(`working directory ${join(repo, 'nope')} does not exist`);
    expect(result.output).toContain('hooks.test.working_dir');
    expect(describeHookFailure(result)).toContain('test hook could not start');
    expect(clock.sleeps).toEqual([]);
  });

  it('fails clearly when the working directory is a file', async () => {
    const repo = tempDir();
    writeFileSync(join(repo, 'file'), '');
    const hook = makeHook({ command: 'true', working_dir: 'file' });
    const result = await makeRunner(repo).run(hook, { phase: 'post' });

    expect(result.passed).toBe(false);
    expect(result.output).toContain('is not a directory');
  });
});

describe('ProcessHookRunner: streaming', () => {
  it('passes output to onOutput as it arrives when the hook is not quiet', async () => {
    const dir = tempDir();
    const chunks: string[] = [];
    const hook = makeHook({ command: 'echo first; sleep 0.3; echo second', quiet: false });
    const result = await makeRunner(dir).run(hook, {
      phase: 'post',
      onOutput: (c) => chunks.push(c),
    });

    expect(chunks.join('')).toBe('first\nsecond\n');
    // Streamed, not handed over at the end: the first line came on its own.
    expect(chunks[0]).toBe('first\n');
    expect(result.output).toBe('first\nsecond');
  });

  it('passes nothing to onOutput when the hook is quiet, yet still captures it', async () => {
    const dir = tempDir();
    const chunks: string[] = [];
    const hook = makeHook({ command: 'echo secret-ish; exit 1', quiet: true });
    const result = await makeRunner(dir).run(hook, {
      phase: 'post',
      onOutput: (c) => chunks.push(c),
    });

    expect(chunks).toEqual([]);
    expect(result.output).toBe('secret-ish');
  });
});

describe('ProcessHookRunner: log file', () => {
  it('appends a header, the output and a footer, creating the directories', async () => {
    const dir = tempDir();
    const logFile = join(dir, '.taskmaster', 'logs', 'task-1', 'post.log');
    const hook = makeHook({ command: 'echo out; echo err >&2; exit 2', description: 'Run test suite' });
    const runner = makeRunner(dir, { clock: new FakeClock(Date.UTC(2025, 10, 16, 10, 0, 0)) });
    await runner.run(hook, { phase: 'post', logFile });
    await runner.run(makeHook({ name: 'lint', command: 'printf no-newline' }), {
      phase: 'post',
      logFile,
    });
    const log = readFileSync(logFile, 'utf8');

    expect(log).toContain('==== 2025-11-16T10:00:00.000Z hook test (run 1 of 1)');
    expect(log).toContain('description: Run test suite');
    expect(log).toContain('command: echo out; echo err >&2; exit 2');
    expect(log).toContain(`cwd: ${dir}`);
    expect(log).toMatch(/^out$/m);
    expect(log).toMatch(/^err$/m);
    expect(log).toContain('==== exit code 2 | timed out: no | duration: 0.00s | runs: 1');
    // Appended, and the footer starts on a line of its own even after output without a newline.
    expect(log).toContain('hook lint (run 1 of 1)');
    expect(log).toContain('no-newline\n==== exit code 0 |');
  });

  it('records a timeout in the footer', async () => {
    const dir = tempDir();
    const logFile = join(dir, 'logs', 'pre.log');
    await makeRunner(dir).run(makeHook({ command: 'sleep 5', timeout: 0.2 }), {
      phase: 'pre',
      logFile,
    });

    expect(readFileSync(logFile, 'utf8')).toContain('timed out: yes (after 0.2s)');
  });

  it('writes nothing when log_output is off', async () => {
    const dir = tempDir();
    const logFile = join(dir, 'logs', 'post.log');
    await makeRunner(dir).run(makeHook({ command: 'echo x', log_output: false }), {
      phase: 'post',
      logFile,
    });

    expect(() => readFileSync(logFile)).toThrow();
  });

  it('still runs the hook when the log cannot be written, and says why in the output', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'logs'), 'a file where a directory should be');
    const hook = makeHook({ command: 'echo ran' });
    const result = await makeRunner(dir).run(hook, {
      phase: 'post',
      logFile: join(dir, 'logs', 'post.log'),
    });

    expect(result.passed).toBe(true);
    expect(result.output).toContain('cannot write the hook log');
    expect(result.output).toContain('ran');
  });
});
