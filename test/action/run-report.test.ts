import { describe, expect, it } from 'vitest';
import { annotateTasks } from '../../src/action/annotations.js';
import { renderJobSummary } from '../../src/action/job-summary.js';
import { OutputRecorder } from '../../src/action/outputs.js';
import { commentView } from '../../src/action/pr-comment.js';
import { buildRunView } from '../../src/action/run-view.js';
import type { ProviderConfig } from '../../src/config/types.js';
import { initialState, type RunState } from '../../src/state/run-state.js';

const TASKS = [
  { id: 'task-1', title: 'Setup project structure' },
  { id: 'task-2', title: 'Create | database models' },
  { id: 'task-3', title: 'Implement login endpoint' },
];
const NOW = new Date('2025-11-16T10:15:00Z');
const claude: ProviderConfig = {
  name: 'claude',
  type: 'claude',
  model: 'm',
  max_tokens: 1024,
  rate_limits: { max_requests_minute: 10, max_tokens_hour: 100_000 },
};

function usage(input: number, output: number) {
  return { input_tokens: input, output_tokens: output, cache_read_tokens: 0, cache_write_tokens: 0 };
}

function stateAfterTask1(): RunState {
  const s = initialState('tasks.yml', TASKS, NOW);
  s.completed_task_ids = ['task-1'];
  s.attempt_counts = { 'task-1': 1, 'task-2': 3 };
  s.failure_counts = { 'task-2': 3 };
  s.last_errors = { 'task-2': 'test hook failed (exit code 1)\nmore lines' };
  s.token_usage.total = usage(1200, 300);
  s.token_usage.by_task = {
    'task-1': { ...usage(1000, 200), attempts: [] },
    'task-2': { ...usage(200, 100), attempts: [] },
  };
  s.rate_limit_usage.claude = {
    requests_minute: 5,
    requests_hour: 5,
    requests_day: 5,
    tokens_minute: 0,
    tokens_hour: 45_000,
    tokens_day: 45_000,
    window_start_minute: '2025-11-16T10:15:00',
    window_start_hour: '2025-11-16T10:00:00',
    window_start_day: '2025-11-16T00:00:00',
  };
  return s;
}

describe('a run needing a decision', () => {
  const state = stateAfterTask1();
  state.status = 'needs_intervention';
  state.needs_intervention = { task_id: 'task-2', reason: 'failed 3 of 3 attempts' };
  const view = buildRunView(state, TASKS, {
    kind: 'needs-intervention',
    taskId: 'task-2',
    message: '⚠ Task task-2 needs a decision',
  });

  it('reads as the outputs say it', () => {
    const outputs = new OutputRecorder();
    outputs.setView(view);
    const set: Record<string, string> = {};
    outputs.write((name, value) => (set[name] = value));
    expect(set).toEqual({
      status: 'needs_intervention',
      completed: '1',
      total: '3',
      'current-task': 'task-2',
      'tokens-used': '1500',
      'resume-at': '',
      'state-key': '',
      'artifact-id': '',
    });
  });

  it('has a summary with the task table, the limits and the comment commands', () => {
    const md = renderJobSummary(view, {
      providers: { claude },
      usage: state.rate_limit_usage,
      now: NOW,
      stateKey: 'tm-',
      prNumber: 4,
    });
    expect(md).toContain('## TaskMaster: ⚠️ A task needs a decision');
    expect(md).toContain('| 1 | `task-1` | Setup project structure | ✅ completed | 1 | 1,200 |  |');
    expect(md).toContain(
      '| 2 | `task-2` | Create \\| database models | ⚠️ needs a decision | 3 | 300 | test hook failed (exit code 1) |',
    );
    expect(md).toContain('| 3 | `task-3` | Implement login endpoint | ○ pending | 0 | 0 |  |');
    expect(md).toContain('| claude | Requests this minute | 5 / 10 |');
    expect(md).toContain('| claude | Tokens this hour | 45,000 / 100,000 |');
    expect(md).toContain('Comment on the pull request:');
    expect(md).toContain('`/taskmaster retry task-2`');
    expect(md).toContain('`/taskmaster skip task-2`');
  });

  it('annotates the stuck task with its title and last error', () => {
    const notes: Array<[string, string]> = [];
    expect(annotateTasks(view, (message, { title }) => notes.push([title, message]))).toBe(1);
    expect(notes).toEqual([
      [
        'TaskMaster: task task-2 needs a decision',
        'Create | database models — 3 attempt(s): test hook failed (exit code 1)',
      ],
    ]);
  });

  it('gives the comment the same rows', () => {
    const c = commentView(view, 'https://github.com/o/r/actions/runs/1', true);
    expect(c).toMatchObject({
      status: 'needs_intervention',
      needsTask: 'task-2',
      tokensUsed: 1500,
      final: true,
    });
    expect(c.tasks.map((t) => t.state)).toEqual(['completed', 'needs_intervention', 'pending']);
  });
});

describe('other endings', () => {
  it('a paused run says when it resumes', () => {
    const state = stateAfterTask1();
    Object.assign(state, {
      status: 'paused',
      paused_until: '2025-11-16T11:00:00.000Z',
      pause_reason: 'rate-limit',
    });
    const view = buildRunView(state, TASKS, {
      kind: 'paused',
      reason: 'rate-limit',
      until: new Date('2025-11-16T11:00:00Z'),
      message: 'x',
    });
    expect(view).toMatchObject({
      status: 'paused',
      resumeAt: '2025-11-16T11:00:00.000Z',
      currentTask: 'task-2',
    });
    const md = renderJobSummary(view, { providers: {}, usage: {}, now: NOW, stateKey: 'tm-' });
    expect(md).toContain('The run resumes after 2025-11-16 11:00:00 UTC');
    expect(md).not.toContain('### Rate limits');
    expect(commentView(view, '', false).status).toBe('paused');
  });

  it('a failed run marks the failing task and annotates it', () => {
    const state = stateAfterTask1();
    state.status = 'failed';
    const view = buildRunView(state, TASKS, { kind: 'failed', message: 'Stopped at the first failure' });
    expect(view.tasks[1]?.state).toBe('failed');
    const notes: string[] = [];
    annotateTasks(view, (_m, { title }) => notes.push(title));
    expect(notes).toEqual(['TaskMaster: task task-2 failed']);
  });

  it('a state left running by a killed job reads as interrupted for the comment', () => {
    const state = stateAfterTask1();
    const view = buildRunView(state, TASKS, { kind: 'interrupted', message: 'ended' });
    expect(commentView(view, '', true).status).toBe('cancelled');
  });

  it('a completed run has no current task and no next step', () => {
    const state = initialState('tasks.yml', TASKS, NOW);
    state.status = 'completed';
    state.completed_task_ids = TASKS.map((t) => t.id);
    const view = buildRunView(state, TASKS);
    expect(view.currentTask).toBeUndefined();
    const md = renderJobSummary(view, {
      providers: {},
      usage: {},
      now: NOW,
      stateKey: 'tm-',
      artifactName: 'taskmaster-logs-1-1',
    });
    expect(md).toContain('3 of 3 tasks completed');
    expect(md).not.toContain('### Next step');
    expect(md).toContain('Logs artifact: `taskmaster-logs-1-1`');
  });

  it('caps annotations below the runner limit', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ id: `t${i}`, title: `T${i}` }));
    const state = initialState('tasks.yml', many, NOW);
    state.skipped_task_ids = many.map((t) => t.id);
    for (const t of many) state.failure_counts[t.id] = 3;
    let n = 0;
    expect(annotateTasks(buildRunView(state, many), () => (n += 1))).toBe(9);
    expect(n).toBe(9);
  });
});
