import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/action/event-log.js';

function recorder() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(m),
    warning: (m: string) => lines.push(`warning: ${m}`),
    startGroup: (m: string) => lines.push(`group: ${m}`),
    endGroup: () => lines.push('endgroup'),
  };
}

describe('the event log', () => {
  it('groups each task and writes hook output line by line', () => {
    const out = recorder();
    const log = createEventLog(out);
    log.onEvent({ type: 'run-start', totalTasks: 2, resumedAt: 1 });
    log.onEvent({ type: 'task-start', taskId: 'task-2', title: 'Write b', index: 1, total: 2 });
    log.onEvent({ type: 'attempt-start', taskId: 'task-2', attempt: 1, maxAttempts: 3 });
    log.onEvent({
      type: 'tool-call',
      taskId: 'task-2',
      tool: 'write_file',
      summary: 'write_file b.txt',
      isError: false,
    });
    log.onEvent({
      type: 'tool-call',
      taskId: 'task-2',
      tool: 'edit_file',
      summary: 'edit_file c.txt: no match',
      isError: true,
    });
    log.onEvent({ type: 'hook-start', taskId: 'task-2', phase: 'post', hook: 'test' });
    log.onEvent({ type: 'hook-output', taskId: 'task-2', hook: 'test', chunk: 'one\ntw' });
    log.onEvent({ type: 'hook-output', taskId: 'task-2', hook: 'test', chunk: 'o\n' });
    log.onEvent({
      type: 'hook-end',
      taskId: 'task-2',
      phase: 'post',
      result: {
        hook: 'test',
        command: 'x',
        passed: false,
        exitCode: 1,
        timedOut: false,
        durationMs: 1500,
        runs: 1,
        stopOnFailure: true,
        output: '',
      },
    });
    log.onEvent({ type: 'warning', message: 'careful' });
    log.onEvent({
      type: 'wait',
      reason: 'claude: Requests this minute 10/10',
      until: new Date('2025-11-16T10:16:00Z'),
    });
    log.onEvent({ type: 'task-end', taskId: 'task-2', outcome: 'completed' });
    log.close();
    expect(out.lines).toEqual([
      'Resuming at task 2 of 2',
      'group: Task 2/2: task-2 — Write b',
      'Attempt 1/3',
      '  · write_file b.txt',
      '  ✗ edit_file c.txt: no match',
      '  post-hook test',
      '    │ one',
      '    │ two',
      '  post-hook test failed: exit code 1 (1.5s)',
      'warning: careful',
      '⏳ Waiting until 2025-11-16 10:16:00 UTC: claude: Requests this minute 10/10',
      'Task task-2: completed',
      'endgroup',
    ]);
  });

  it('closes a group left open by a run that stopped mid-task', () => {
    const out = recorder();
    const log = createEventLog(out);
    log.onEvent({ type: 'task-start', taskId: 't', title: 'T', index: 0, total: 1 });
    log.close();
    log.close();
    expect(out.lines.filter((l) => l === 'endgroup')).toHaveLength(1);
  });
});
