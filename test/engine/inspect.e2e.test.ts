/**
 * The guide's "State Inspection" on a state made by a real run: the run is killed during task-3's
 * second attempt (tasks 1-2 done, task-3 with 2 attempts and 1 failure, as in the guide), then
 * `taskmaster status` and `taskmaster debug` must print the guide's views of it.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DOUBLE_RULE, formatDuration, HEAVY_RULE } from '../../src/cli/format.js';
import { FakeClock } from '../../src/engine/ports.js';
import { guideProject } from './helpers/guide-project.js';
import { exited, fileAppears } from './helpers/kill-points.js';
import type { Project } from './helpers/project.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/**
 * task-3's post-hook, once the agent has written its file (its second attempt), says so and waits for
 * the test to kill the runner: a sandboxed hook cannot see its process (see docs/security.md).
 */
const KILL_IN_TASK_3_ATTEMPT_2 =
  'if [ "$TASKMASTER_HOOK" = check-task-3 ] && [ -f task-3.txt ] && [ ! -f "$MARK/killed" ]; then touch "$MARK/killed"; sleep 60; exit 1; fi; ';

const LIMITS = { max_requests_minute: 10, max_tokens_hour: 100000, max_tokens_day: 500000 };

const stamp = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

describe('status and debug on a real run (slow: spawned CLI, real hooks, real git)', () => {
  it("print the guide's views of a run stopped in task 3", async () => {
    project = guideProject({
      hookPrefix: KILL_IN_TASK_3_ATTEMPT_2,
      providerName: 'claude',
      provider: { rate_limits: LIMITS },
    });
    const run = project.spawn(['run', 'tasks.yml']);
    await fileAppears(path.join(project.mark, 'killed'));
    run.child.kill('SIGKILL');
    expect((await exited(run.child)).signal, run.output()).toBe('SIGKILL');
    const state = project.state();
    const usage = state.rate_limit_usage.claude;
    if (!usage) throw new Error('no rate-limit usage was recorded for claude');
    // 15 s into the minute of the last call: the windows are current and the minute resets in 45s.
    const clock = new FakeClock(Date.parse(usage.window_start_minute) + 15_000);

    const status = await project.run(['status'], { clock });

    expect(status.code).toBe(0);
    // The guide's view, line for line; anything the view adds comes after it.
    expect(status.stdout.slice(0, status.stdout.indexOf('Implement 2FA\n') + 14)).toBe(
      [
        'Current Task Status',
        HEAVY_RULE,
        '',
        'Task File: tasks.yml',
        'Total Tasks: 5',
        'Completed: 2',
        'Current: 3 (Implement login endpoint)',
        '',
        'Progress:',
        '✓ task-1: Setup project structure',
        '✓ task-2: Create database models',
        '→ task-3: Implement login endpoint (2 attempts, 1 failure)',
        '○ task-4: Add password reset',
        '○ task-5: Implement 2FA',
        '',
      ].join('\n'),
    );

    const debug = await project.run(['debug'], { clock });

    expect(debug.code).toBe(0);
    const out = debug.stdout;
    expect(out).toContain(
      [
        'TaskMaster Debug State',
        DOUBLE_RULE,
        '',
        'Task File: tasks.yml',
        `Created: ${stamp(state.created_at)}`,
        `Updated: ${stamp(state.updated_at)}`,
        'Current Task Index: 2',
        '',
        DOUBLE_RULE,
        'PER-TASK STATUS',
        DOUBLE_RULE,
        '',
        'Task 1/5: Setup project structure',
        '  ID: task-1',
        '  Status: ✓ COMPLETED',
        '  Failures: 0',
        '  Attempts: 1',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        'Task 3/5: Implement login endpoint',
        '  ID: task-3',
        '  Status: → CURRENT/NEXT',
        '  Failures: 1',
        '  Attempts: 2',
      ].join('\n'),
    );
    expect(out).toContain('  Last error: check-task-3 hook failed (exit code 1)');
    expect(out).toContain(
      ['Task 4/5: Add password reset', '  ID: task-4', '  Status: ○ PENDING', ''].join('\n'),
    );
    const minuteReset = new Date(Date.parse(usage.window_start_minute) + 60_000).toISOString();
    expect(out).toContain(
      [
        'RATE LIMIT USAGE',
        DOUBLE_RULE,
        '',
        'Provider: claude',
        `  Requests (current minute): ${usage.requests_minute} / 10`,
        `  Tokens (current hour): ${usage.tokens_hour.toLocaleString('en-US')} / 100,000`,
        `  Tokens (current day): ${usage.tokens_day.toLocaleString('en-US')} / 500,000`,
        '',
        'Next reset:',
        `  Minute: ${stamp(minuteReset)} (in 45s)`,
      ].join('\n'),
    );
    const hourReset = (Math.floor(clock.now() / 3_600_000) + 1) * 3_600_000;
    const hourLeft = formatDuration(hourReset - clock.now());
    expect(out).toContain(`\n  Hour: ${stamp(new Date(hourReset).toISOString())} (in ${hourLeft})`);

    const resumed = await project.run(['resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = await project.run(['status']);
    expect(after.stdout).toContain('Completed: 5\nCurrent: none (no task left to run)');
    expect(after.stdout).toContain('✓ task-5: Implement 2FA');
  });
});
