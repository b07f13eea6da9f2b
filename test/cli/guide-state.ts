/** The run state behind the guide's `status` and `debug` examples, built once for the view tests. */
import { readFileSync } from 'node:fs';
import { initialState, type RunState } from '../../src/state/run-state.js';

export const GUIDE_TASKS = [
  { id: 'task-1', title: 'Setup project structure' },
  { id: 'task-2', title: 'Create database models' },
  { id: 'task-3', title: 'Implement login endpoint' },
  { id: 'task-4', title: 'Add password reset' },
  { id: 'task-5', title: 'Implement 2FA' },
];

/** 45 s before the minute window resets, as the guide's "Next reset" lines show. */
export const GUIDE_NOW = new Date('2025-11-16T10:15:15Z');

export const GUIDE_LIMITS = {
  claude: { max_requests_minute: 10, max_tokens_hour: 100_000, max_tokens_day: 500_000 },
};

export function guideState(): RunState {
  const state = initialState('tasks.yml', GUIDE_TASKS, new Date('2025-11-16T10:00:00Z'));
  return {
    ...state,
    // The guide writes times without a zone; the views must read them as UTC all the same.
    created_at: '2025-11-16T10:00:00',
    updated_at: '2025-11-16T10:15:00',
    completed_task_ids: ['task-1', 'task-2'],
    current_task_index: 2,
    failure_counts: { 'task-1': 0, 'task-2': 0, 'task-3': 1 },
    attempt_counts: { 'task-1': 1, 'task-2': 1, 'task-3': 2 },
    last_errors: { 'task-3': 'test hook failed: AssertionError in test_login' },
    rate_limit_usage: {
      claude: {
        requests_minute: 5,
        requests_hour: 12,
        requests_day: 30,
        tokens_minute: 9_000,
        tokens_hour: 45_000,
        tokens_day: 120_000,
        window_start_minute: '2025-11-16T10:15:00',
        window_start_hour: '2025-11-16T10:00:00',
        window_start_day: '2025-11-16T00:00:00',
      },
    },
  };
}

/** A block of the guide's output kept verbatim under test/fixtures/cli/, without its final newline. */
export function guideText(name: string): string {
  return readFileSync(new URL(`../fixtures/cli/${name}`, import.meta.url), 'utf8').replace(/\n$/, '');
}
