import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../src/cli/status-view.js';
import type { RunState } from '../../src/state/run-state.js';
import { GUIDE_TASKS, guideState, guideText } from './guide-state.js';

function status(state: RunState | null, extra: { now?: Date } = {}): string {
  return renderStatus({ state, tasks: GUIDE_TASKS, taskFile: 'tasks.yml', ...extra });
}

describe('renderStatus', () => {
  it("prints the guide's State Inspection output for the guide's state", () => {
    expect(status(guideState())).toBe(guideText('guide-status.txt'));
  });

  it('says "1 attempt" and "2 failures" with the right plurals', () => {
    const state = { ...guideState(), attempt_counts: { 'task-3': 1 }, failure_counts: { 'task-3': 0 } };
    expect(status(state)).toContain('→ task-3: Implement login endpoint (1 attempt, 0 failures)\n');
    const worse = { ...guideState(), attempt_counts: { 'task-3': 3 }, failure_counts: { 'task-3': 2 } };
    expect(status(worse)).toContain('(3 attempts, 2 failures)');
  });

  it('shows no attempt counts for a current task that has not started', () => {
    const state = { ...guideState(), attempt_counts: {}, failure_counts: {} };
    expect(status(state)).toContain('→ task-3: Implement login endpoint\n');
  });

  it('marks skipped tasks and moves the current marker past them', () => {
    const state = { ...guideState(), skipped_task_ids: ['task-3'], attempt_counts: { 'task-3': 3 } };
    const out = status(state);
    expect(out).toContain('↷ task-3: Implement login endpoint (skipped after 3 attempts)\n');
    expect(out).toContain('→ task-4: Add password reset\n');
    expect(out).toContain('Skipped: 1\nCurrent: 4 (Add password reset)\n');
  });

  it('tells a person what to run when the run needs a decision', () => {
    const state: RunState = {
      ...guideState(),
      status: 'needs_intervention',
      needs_intervention: { task_id: 'task-3', reason: 'failed 3 of 3 attempts' },
    };
    const out = status(state);
    expect(out).toContain('⚠ Task task-3 needs a decision: failed 3 of 3 attempts\n');
    expect(out).toContain('  taskmaster retry task-3   # give it a fresh set of attempts\n');
    expect(out).toContain('  taskmaster skip task-3    # move on to the next task\n');
    expect(out).toContain('  taskmaster abort          # end the run\n');
    expect(out.endsWith('then continue with:\n  taskmaster resume')).toBe(true);
  });

  it('says a recorded decision only waits for resume', () => {
    const state: RunState = {
      ...guideState(),
      status: 'needs_intervention',
      pending_decision: { task_id: 'task-3', decision: 'skip' },
    };
    expect(status(state)).toContain('Decision recorded: skip task-3.\nContinue with:\n  taskmaster resume');
  });

  it('says when a paused run is safe to resume', () => {
    const state: RunState = {
      ...guideState(),
      status: 'paused',
      pause_reason: 'rate limit: max_tokens_hour reached',
      paused_until: '2025-11-16T11:00:00Z',
    };
    const out = status(state, { now: new Date('2025-11-16T10:45:00Z') });
    expect(out).toContain('⏸ Run paused: rate limit: max_tokens_hour reached\n');
    expect(out).toContain('Safe to resume after 2025-11-16 11:00:00 UTC (in 15m). Run:\n  taskmaster resume');
  });

  it('has no current task once the run completed', () => {
    const state: RunState = {
      ...guideState(),
      status: 'completed',
      completed_task_ids: ['task-1', 'task-2', 'task-3', 'task-4'],
      skipped_task_ids: ['task-5'],
    };
    const out = status(state);
    expect(out).toContain('Completed: 4\nSkipped: 1\nCurrent: none (no task left to run)\n');
    expect(out).not.toContain('→');
    expect(out).toContain('✓ Run complete.');
  });

  it('falls back to the task list saved in the state', () => {
    const out = renderStatus({ state: guideState(), tasks: [], taskFile: 'tasks.yml' });
    expect(out).toBe(guideText('guide-status.txt'));
  });

  it('says there is no run state and how to start one', () => {
    const out = renderStatus({
      state: null,
      tasks: [],
      taskFile: 'tasks.yml',
      stateFile: '/tmp/x/state.json',
    });
    expect(out).toBe(
      'No run state found (/tmp/x/state.json does not exist).\nStart a run with:\n  taskmaster run tasks.yml',
    );
  });
});
