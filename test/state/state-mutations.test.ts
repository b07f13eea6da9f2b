import { describe, expect, it } from 'vitest';
import { markCompleted, markSkipped, recordUsage, touch } from '../../src/state/state-mutations.js';
import { sampleState } from './helpers.js';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  input_tokens: input,
  output_tokens: output,
  cache_read_tokens: cacheRead,
  cache_write_tokens: cacheWrite,
});

describe('recordUsage', () => {
  it('adds to the run, the provider, the task and the attempt', () => {
    const state = sampleState();
    recordUsage(state, 'claude', 'task-1', 1, usage(100, 10, 5, 1));
    recordUsage(state, 'claude', 'task-1', 2, usage(200, 20));
    recordUsage(state, 'openai', 'task-2', 1, usage(1, 1));
    expect(state.token_usage.total).toEqual(usage(301, 31, 5, 1));
    expect(state.token_usage.by_provider).toEqual({ claude: usage(300, 30, 5, 1), openai: usage(1, 1) });
    expect(state.token_usage.by_task['task-1']).toEqual({
      ...usage(300, 30, 5, 1),
      attempts: [usage(100, 10, 5, 1), usage(200, 20)],
    });
  });

  it('fills attempts without usage with zeros', () => {
    const state = sampleState();
    recordUsage(state, 'claude', 'task-1', 3, usage(7, 7));
    expect(state.token_usage.by_task['task-1']?.attempts).toEqual([usage(0, 0), usage(0, 0), usage(7, 7)]);
  });

  it('refuses an attempt number below 1', () => {
    expect(() => recordUsage(sampleState(), 'claude', 'task-1', 0, usage(1, 1))).toThrow(/attempt must be/);
  });
});

describe('markCompleted and markSkipped', () => {
  it('records a completed task once, with its commit, and ends a failure streak', () => {
    const state = sampleState({ consecutive_failures: 2, skipped_task_ids: ['task-1'] });
    markCompleted(state, 'task-1', 'abc123');
    markCompleted(state, 'task-1');
    expect(state.completed_task_ids).toEqual(['task-1']);
    expect(state.skipped_task_ids).toEqual([]);
    expect(state.applied_commits).toEqual({ 'task-1': 'abc123' });
    expect(state.consecutive_failures).toBe(0);
  });

  it('records a skipped task once and not as completed', () => {
    const state = sampleState({ completed_task_ids: ['task-2'] });
    markSkipped(state, 'task-2');
    markSkipped(state, 'task-2');
    expect(state.skipped_task_ids).toEqual(['task-2']);
    expect(state.completed_task_ids).toEqual([]);
  });
});

describe('touch', () => {
  it('stamps updated_at and leaves created_at', () => {
    const state = sampleState();
    touch(state, Date.UTC(2025, 10, 16, 10, 15, 0));
    expect(state.updated_at).toBe('2025-11-16T10:15:00.000Z');
    expect(state.created_at).toBe('2025-11-16T10:00:00.000Z');
  });
});
