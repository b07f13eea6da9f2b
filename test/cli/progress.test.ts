import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/cli/color.js';
import type { CountdownTimers } from '../../src/cli/countdown.js';
import { createProgressRenderer, type ProgressOptions } from '../../src/cli/progress.js';
import type { RunEvent } from '../../src/engine/events.js';
import type { HookResult } from '../../src/hooks/types.js';
import type { Usage } from '../../src/providers/provider.js';
import { guideText } from './guide-state.js';

function capture(isTTY: boolean): { write(s: string): void; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
}

function render(events: RunEvent[], opts: Partial<ProgressOptions> = {}, isTTY = false): string {
  const out = capture(isTTY);
  const progress = createProgressRenderer(out, { color: false, quiet: false, verbose: false, ...opts });
  events.forEach(progress.onEvent);
  progress.close();
  return out.text;
}

function hookResult(overrides: Partial<HookResult>): HookResult {
  const base = {
    hook: 'test',
    command: 'pytest',
    passed: true,
    exitCode: 0,
    timedOut: false,
    durationMs: 1234,
  };
  return { ...base, runs: 1, stopOnFailure: true, output: '', ...overrides };
}

const ATTEMPT: RunEvent[] = [
  { type: 'run-start', totalTasks: 5, resumedAt: null },
  { type: 'task-start', taskId: 'task-2', title: 'Create database models', index: 1, total: 5 },
  { type: 'attempt-start', taskId: 'task-2', attempt: 1, maxAttempts: 3 },
  { type: 'hook-start', taskId: 'task-2', phase: 'pre', hook: 'format', description: 'Format code' },
  {
    type: 'hook-end',
    taskId: 'task-2',
    phase: 'pre',
    result: hookResult({ hook: 'format', durationMs: 400 }),
  },
  { type: 'model-call', taskId: 'task-2', provider: 'claude', turn: 1 },
  {
    type: 'model-response',
    taskId: 'task-2',
    provider: 'claude',
    usage: usage(1200, 80),
    text: 'Writing it.',
  },
  {
    type: 'tool-call',
    taskId: 'task-2',
    tool: 'write_file',
    summary: 'write_file models.py',
    isError: false,
  },
  {
    type: 'tool-call',
    taskId: 'task-2',
    tool: 'edit_file',
    summary: 'edit_file db.py: no match',
    isError: true,
  },
  { type: 'hook-start', taskId: 'task-2', phase: 'post', hook: 'test' },
  { type: 'hook-output', taskId: 'task-2', hook: 'test', chunk: '1 failed\nFAIL test_' },
  { type: 'hook-output', taskId: 'task-2', hook: 'test', chunk: 'models' },
  { type: 'hook-end', taskId: 'task-2', phase: 'post', result: hookResult({ passed: false, exitCode: 1 }) },
  {
    type: 'attempt-end',
    taskId: 'task-2',
    attempt: 1,
    passed: false,
    error: 'test hook failed (exit code 1)\nmore',
  },
  { type: 'attempt-start', taskId: 'task-2', attempt: 2, maxAttempts: 3 },
  { type: 'attempt-end', taskId: 'task-2', attempt: 2, passed: true },
  { type: 'task-end', taskId: 'task-2', outcome: 'completed' },
];

function usage(input: number, output: number): Usage {
  return { input_tokens: input, output_tokens: output, cache_read_tokens: 0, cache_write_tokens: 0 };
}

describe('createProgressRenderer', () => {
  it('prints task headers, attempts, hooks with streamed output and tool calls as plain lines', () => {
    expect(render(ATTEMPT)).toBe(
      [
        'Running 5 tasks',
        '',
        '[2/5] task-2: Create database models',
        '  Attempt 1/3',
        '  ▸ pre-hook format: Format code',
        '  ✓ format passed (0.4s)',
        '    ⚙ write_file models.py',
        '    ✗ edit_file db.py: no match',
        '  ▸ post-hook test',
        '    │ 1 failed',
        '    │ FAIL test_models',
        '  ✗ test failed (exit code 1, 1.2s)',
        '  ✗ Attempt 1 failed: test hook failed (exit code 1)',
        '  Attempt 2/3',
        '  ✓ Attempt 2 passed',
        '✓ [2/5] task-2: Create database models — completed (2 attempts)',
        '',
      ].join('\n'),
    );
  });

  it('adds model calls with --verbose', () => {
    const out = render(ATTEMPT, { verbose: true });
    expect(out).toContain(
      '  · claude: model call, turn 1\n  · claude: response (1,200 in, 80 out): Writing it.\n',
    );
  });

  it('with --quiet prints only task results, failures and warnings', () => {
    const events: RunEvent[] = [
      ...ATTEMPT.slice(0, -1),
      { type: 'warning', message: 'task-2: no post-hooks are configured' },
      { type: 'info', message: 'Applying decision: skip task-2' },
      ATTEMPT[ATTEMPT.length - 1] as RunEvent,
    ];
    expect(render(events, { quiet: true })).toBe(
      [
        '✗ task-2 attempt 1 failed: test hook failed (exit code 1)',
        '⚠ task-2: no post-hooks are configured',
        '✓ [2/5] task-2: Create database models — completed (2 attempts)',
        '',
      ].join('\n'),
    );
  });

  it('says when a non-blocking hook fails, when a hook times out, and how often it ran', () => {
    const lint = hookResult({
      hook: 'lint',
      passed: false,
      exitCode: 2,
      stopOnFailure: false,
      durationMs: 500,
    });
    const slow = hookResult({ passed: false, exitCode: null, timedOut: true, durationMs: 300_000, runs: 3 });
    const out = render([
      { type: 'hook-end', taskId: 't', phase: 'post', result: lint },
      { type: 'hook-end', taskId: 't', phase: 'post', result: slow },
    ]);
    expect(out).toContain('  ⚠ lint failed (exit code 2, 0.5s); not blocking: stop_on_failure is false\n');
    expect(out).toContain('  ✗ test failed (timed out, 5m, 3 runs)\n');
  });

  it("prints the guide's non-progress block", () => {
    const out = render([{ type: 'non-progress', taskId: 'task-3', count: 2, max: 2 }]);
    expect(out).toBe(`\n${guideText('guide-non-progress.txt')}\n\n`);
  });

  it('names skipped and given-up tasks, and a resumed run', () => {
    const out = render([
      { type: 'run-start', totalTasks: 5, resumedAt: 2 },
      { type: 'task-start', taskId: 'task-3', title: 'Login', index: 2, total: 5 },
      { type: 'attempt-start', taskId: 'task-3', attempt: 1, maxAttempts: 1 },
      { type: 'task-end', taskId: 'task-3', outcome: 'given-up' },
      { type: 'task-end', taskId: 'task-5', outcome: 'skipped' },
    ]);
    expect(out).toMatch(/^Resuming at task 3 of 5\n/);
    expect(out).toContain('✗ [3/5] task-3: Login — given up after 1 attempt\n');
    expect(out).toContain('↷ task-5 — skipped\n');
  });

  it('ends a hook output line that had no final newline before the next line', () => {
    const out = render([
      { type: 'hook-output', taskId: 't', hook: 'test', chunk: 'no newline' },
      { type: 'warning', message: 'careful' },
    ]);
    expect(out).toBe('    │ no newline\n⚠ careful\n');
  });

  it('colours warnings, failures and successes only when asked', () => {
    const events: RunEvent[] = [{ type: 'warning', message: 'careful' }, ...ATTEMPT];
    const coloured = render(events, { color: true });
    expect(coloured).toContain('\x1b[33m⚠ careful\x1b[39m');
    expect(coloured).toContain('\x1b[31m  ✗ Attempt 1 failed');
    expect(coloured).toContain('\x1b[32m✓ [2/5]');
    expect(render(events, { color: false })).not.toContain('\x1b');
  });
});

describe('waits', () => {
  const until = new Date('2025-11-16T10:16:00Z');
  const reason = 'claude: Requests this minute 10/10 (resets in 45s)';

  it('prints one plain line when the output is not a terminal', () => {
    const out = render([{ type: 'wait', reason, until }], { timers: fakeTimers().timers });
    expect(out).toBe(`⏳ Waiting 45s (until 2025-11-16 10:16:00 UTC): ${reason}\n`);
  });

  it('counts down on a single rewritten line on a terminal', () => {
    const fake = fakeTimers();
    const out = capture(true);
    const progress = createProgressRenderer(out, {
      color: false,
      quiet: true,
      verbose: false,
      timers: fake.timers,
    });
    progress.onEvent({ type: 'wait', reason, until });
    expect(out.text).toBe(`\r\x1b[2K⏳ Waiting 45s: ${reason}`);
    fake.advance(1000);
    fake.advance(1000);
    expect(out.text).toBe(
      `\r\x1b[2K⏳ Waiting 45s: ${reason}\r\x1b[2K⏳ Waiting 44s: ${reason}\r\x1b[2K⏳ Waiting 43s: ${reason}`,
    );
    progress.onEvent({ type: 'warning', message: 'next' });
    // Cut short after 2 of its 45 seconds: the record says how long it really waited.
    expect(out.text.endsWith(`\r\x1b[2K⏳ Waited 2s: ${reason}\n⚠ next\n`)).toBe(true);
    expect(fake.running()).toBe(false);
  });

  it('after Ctrl+C says how long it waited, not how long it would have', () => {
    const fake = fakeTimers();
    const out = capture(true);
    const progress = createProgressRenderer(out, {
      color: false,
      quiet: false,
      verbose: false,
      timers: fake.timers,
    });
    progress.onEvent({ type: 'wait', reason, until: new Date(fake.timers.now() + 56_000) });
    for (let i = 0; i < 20; i++) fake.advance(1000);
    progress.close();
    expect(out.text.endsWith(`\r\x1b[2K⏳ Waited 20s: ${reason}\n`)).toBe(true);
  });

  it('stops by itself when the wait is over', () => {
    const fake = fakeTimers();
    const out = capture(true);
    const progress = createProgressRenderer(out, {
      color: false,
      quiet: false,
      verbose: false,
      timers: fake.timers,
    });
    progress.onEvent({ type: 'wait', reason, until: new Date(fake.timers.now() + 2000) });
    fake.advance(1000);
    fake.advance(1000);
    expect(out.text.endsWith(`\r\x1b[2K⏳ Waited 2s: ${reason}\n`)).toBe(true);
    expect(fake.running()).toBe(false);
    progress.close();
    expect(out.text.endsWith(`⏳ Waited 2s: ${reason}\n`)).toBe(true);
  });
});

function fakeTimers(): { timers: CountdownTimers; advance(ms: number): void; running(): boolean } {
  let now = Date.parse('2025-11-16T10:15:15Z');
  let tick: (() => void) | undefined;
  return {
    timers: {
      now: () => now,
      setInterval: (fn) => {
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = undefined;
      },
    },
    advance(ms) {
      now += ms;
      tick?.();
    },
    running: () => tick !== undefined,
  };
}

describe('shouldUseColor', () => {
  it('colours a terminal unless NO_COLOR is set to something', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });

  it('does not colour a pipe unless FORCE_COLOR asks, and NO_COLOR still wins', () => {
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor({}, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});
