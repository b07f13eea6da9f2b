import { describe, expect, it } from 'vitest';
import { renderDebug, type DebugInput } from '../../src/cli/debug-view.js';
import type { RunState } from '../../src/state/run-state.js';
import { GUIDE_LIMITS, GUIDE_NOW, GUIDE_TASKS, guideState, guideText } from './guide-state.js';

function debug(state: RunState | null, extra: Partial<DebugInput> = {}): string {
  return renderDebug({
    state,
    tasks: GUIDE_TASKS,
    taskFile: 'tasks.yml',
    limits: GUIDE_LIMITS,
    now: GUIDE_NOW,
    ...extra,
  });
}

describe('renderDebug', () => {
  it("prints the guide's debug output for the guide's state", () => {
    expect(debug(guideState())).toBe(guideText('guide-debug.txt'));
  });

  it('counts a window that has rolled over as unused', () => {
    const out = debug(guideState(), { now: new Date('2025-11-16T11:05:30Z') });
    expect(out).toContain('  Requests (current minute): 0 / 10\n');
    expect(out).toContain('  Tokens (current hour): 0 / 100,000\n');
    expect(out).toContain('  Tokens (current day): 120,000 / 500,000\n');
    expect(out).toContain('  Minute: 2025-11-16 11:06:00 (in 30s)\n  Hour: 2025-11-16 12:00:00 (in 55m)');
  });

  it('lists every configured limit and the day reset once a day limit is reached', () => {
    const limits = {
      claude: { max_requests_hour: 500, max_requests_day: 30, max_tokens_minute: 40_000 },
      openai: {},
    };
    const out = debug(guideState(), { limits, now: new Date('2025-11-16T21:55:00Z') });
    expect(out).toContain(
      [
        'Provider: claude',
        '  Requests (current hour): 0 / 500',
        '  Requests (current day): 30 / 30',
        '  Tokens (current minute): 0 / 40,000',
        'Provider: openai',
        '  No rate limits configured',
        '',
        'Next reset:',
        '  Minute: 2025-11-16 21:56:00 (in 1m)',
        '  Hour: 2025-11-16 22:00:00 (in 5m)',
        '  Day: 2025-11-17 00:00:00 (in 2h 5m)',
      ].join('\n'),
    );
  });

  it('marks skipped tasks and shows what a task cost', () => {
    const base = guideState();
    const usage = { input_tokens: 10_000, output_tokens: 2_345, cache_read_tokens: 0, cache_write_tokens: 0 };
    const state: RunState = {
      ...base,
      skipped_task_ids: ['task-3'],
      non_progress_counts: { 'task-3': 2 },
      user_interventions: { 'task-3': 'skip' },
      token_usage: {
        total: usage,
        by_provider: { claude: usage },
        by_task: { 'task-3': { ...usage, attempts: [usage] } },
      },
    };
    const out = debug(state);
    expect(out).toContain(
      'Task 3/5: Implement login endpoint\n  ID: task-3\n  Status: ↷ SKIPPED\n  Failures: 1\n  Attempts: 2\n' +
        '  Non-progress: 2\n  Tokens: 12,345\n  Intervention: skip\n  Last error: test hook failed',
    );
    expect(out).toContain('Task 4/5: Add password reset\n  ID: task-4\n  Status: → CURRENT/NEXT\n');
    expect(out).toMatch(
      /={60}\nTOKEN USAGE\n={60}\n\nTotal: 12,345 tokens \(input 10,000, output 2,345, cache read 0, cache write 0\)\nProvider claude: 12,345 tokens/,
    );
  });

  it("shows the run's status and pause reason when it is not running", () => {
    const state: RunState = {
      ...guideState(),
      status: 'paused',
      pause_reason: 'budget: max_tokens_per_run reached',
      paused_until: '2025-11-16T12:00:00Z',
    };
    expect(debug(state)).toContain(
      'Current Task Index: 2\nRun Status: paused\nPause Reason: budget: max_tokens_per_run reached\n' +
        'Paused Until: 2025-11-16 12:00:00 UTC (in 1h 45m)\n',
    );
  });

  it('says there is no run state', () => {
    expect(debug(null)).toContain('No run state found');
  });
});
