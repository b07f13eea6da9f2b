/**
 * The closing lines of `taskmaster status`: what state the run is in when it is not simply running, and
 * which command moves it on. A person reading status after an exit code 3 should not need the docs.
 */
import type { RunState } from '../state/run-state.js';
import { formatDuration, formatTimestamp, parseUtc } from './format.js';

/** Lines (without a leading blank) telling what to run next; empty while a run is simply running. */
export function nextStepLines(state: RunState, now?: Date): string[] {
  switch (state.status) {
    case 'needs_intervention':
      return interventionLines(state);
    case 'paused':
      return pausedLines(state, now);
    case 'failed':
      return [
        `✗ The run stopped${state.pause_reason ? `: ${state.pause_reason}` : ' after failures'}.`,
        'Fix the cause, then continue with:',
        '  taskmaster resume',
        `or start over with: taskmaster run ${state.task_file} --fresh`,
      ];
    case 'aborted':
      return ['✗ The run was aborted.', 'Start over with:', `  taskmaster run ${state.task_file} --fresh`];
    case 'completed':
      return [`✓ Run complete.`];
    case 'running':
      return [];
  }
}

function interventionLines(state: RunState): string[] {
  const decision = state.pending_decision;
  if (decision) {
    return [
      `Decision recorded: ${decision.decision} ${decision.task_id}.`,
      'Continue with:',
      '  taskmaster resume',
    ];
  }
  const id = state.needs_intervention?.task_id;
  const reason = state.needs_intervention?.reason;
  const target = id ?? '<task-id>';
  return [
    `⚠ ${id ? `Task ${id}` : 'The run'} needs a decision${reason ? `: ${reason}` : '.'}`,
    'Decide with one of:',
    `  taskmaster retry ${target}   # give it a fresh set of attempts`,
    `  taskmaster skip ${target}    # move on to the next task`,
    `  taskmaster abort${' '.repeat(target.length + 1)}   # end the run`,
    'then continue with:',
    '  taskmaster resume',
  ];
}

function pausedLines(state: RunState, now: Date | undefined): string[] {
  const lines = [`⏸ Run paused${state.pause_reason ? `: ${state.pause_reason}` : '.'}`];
  if (state.paused_until) {
    const until = parseUtc(state.paused_until);
    const wait = now ? ` (in ${formatDuration(until.getTime() - now.getTime())})` : '';
    lines.push(`Safe to resume after ${formatTimestamp(until)} UTC${wait}. Run:`);
  } else {
    lines.push('Continue with:');
  }
  lines.push('  taskmaster resume');
  return lines;
}
