/**
 * The guide's "State Management & Resume": what state.json holds, automatic and explicit resume,
 * starting over, a custom state directory, task-file changes and a rate-limit pause.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { guideProject, runCounts } from './helpers/guide-project.js';
import { createProject, type Project, readState } from './helpers/project.js';
import { finish, idle, write } from './helpers/turns.js';

let project: Project | undefined;
const extraDirs: string[] = [];
afterEach(() => {
  project?.cleanup();
  for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const START = Date.UTC(2025, 10, 16, 10, 0, 0);
const minutesLater = (minutes: number): FakeClock => new FakeClock(START + minutes * 60_000);

/** Runs the guide's five tasks until task-3 fails its first attempt (stopped there, exit 1). */
async function interruptedAtTask3(opts: Parameters<typeof guideProject>[0] = {}): Promise<Project> {
  const p = guideProject(opts);
  const first = await p.run(['run', 'tasks.yml', '--stop-on-first-failure'], { clock: minutesLater(0) });
  expect(first.code, first.stderr).toBe(1);
  return p;
}

describe('state contents (slow: real hooks, real git)', () => {
  it("holds every field of the guide's state file", async () => {
    project = await interruptedAtTask3({
      providerName: 'claude',
      provider: { rate_limits: { max_requests_minute: 10, max_tokens_hour: 100000, max_tokens_day: 500000 } },
    });

    const state = project.state();
    expect(state).toMatchObject({
      task_file: 'tasks.yml',
      completed_task_ids: ['task-1', 'task-2'],
      current_task_index: 2,
      created_at: '2025-11-16T10:00:00.000Z',
      updated_at: '2025-11-16T10:00:00.000Z',
      failure_counts: { 'task-3': 1 },
      attempt_counts: { 'task-1': 1, 'task-2': 1, 'task-3': 1 },
      non_progress_counts: { 'task-3': 1 },
      user_interventions: {},
      last_errors: { 'task-3': 'check-task-3 hook failed (exit code 1)' },
      version: 1,
      status: 'failed',
      paused_until: null,
    });
    expect(state.rate_limit_usage.claude).toMatchObject({
      requests_minute: 5,
      window_start_minute: '2025-11-16T10:00:00Z',
      window_start_hour: '2025-11-16T10:00:00Z',
      window_start_day: '2025-11-16T00:00:00Z',
    });
    expect(state.rate_limit_usage.claude?.tokens_hour).toBeGreaterThan(0);
    expect(state.rate_limit_usage.claude?.tokens_day).toBe(state.rate_limit_usage.claude?.tokens_hour);
    expect(state.token_usage.by_task['task-1']?.attempts).toHaveLength(1);
    expect(existsSync(path.join(project.dir, '.taskmaster/state.json.bak'))).toBe(true);
  });
});

describe('automatic and explicit resume (slow)', () => {
  // One real interrupted run; each test resumes its own copy of it.
  let interrupted: Project;
  beforeAll(async () => {
    interrupted = await interruptedAtTask3();
  });
  afterAll(() => interrupted.cleanup());

  it('re-running the task file without a terminal resumes at task 3 and says so', async () => {
    project = interrupted.clone();

    const result = await project.run(['run', 'tasks.yml'], { clock: minutesLater(2) });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Found existing run state; resuming from task 3 (use --fresh to start over)',
    );
    expect(result.stdout).toContain('Resuming at task 3 of 5');
    expect(runCounts(project)).toEqual({ 'task-1': 1, 'task-2': 1, 'task-3': 1, 'task-4': 1, 'task-5': 1 });
    expect(project.state().attempt_counts['task-3']).toBe(2);
  });

  it('at a terminal asks "Resume from task 3? [Y/n]"; y resumes', async () => {
    project = interrupted.clone();

    const result = await project.run(['run', 'tasks.yml'], { answers: ['y'], clock: minutesLater(2) });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      [
        'Found existing run state:',
        '  Task file: tasks.yml',
        '  Completed: 2/5 tasks',
        '  Last updated: 2 minutes ago',
        '',
        'Resume from task 3? [Y/n]: ',
      ].join('\n'),
    );
    expect(runCounts(project)).toEqual({ 'task-1': 1, 'task-2': 1, 'task-3': 1, 'task-4': 1, 'task-5': 1 });
  });

  it('at a terminal, n starts over from task 1 and keeps the old state as a backup', async () => {
    project = interrupted.clone();
    const old = readFileSync(path.join(project.dir, '.taskmaster/state.json'), 'utf8');

    const result = await project.run(['run', 'tasks.yml', '--stop-on-first-failure'], {
      answers: ['n'],
      clock: minutesLater(2),
    });

    // Started over: tasks 1 and 2 ran again, and task-3 is back at its first attempt.
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /Starting over; the previous state is kept as \.taskmaster\/state\.json\.\d{8}T\d{6}Z\.old/,
    );
    expect(runCounts(project)).toEqual({ 'task-1': 2, 'task-2': 2 });
    expect(backups(project)).toEqual([old]);
    expect(project.state().created_at).toBe('2025-11-16T10:02:00.000Z');
    expect(project.state().attempt_counts['task-3']).toBe(1);
  });

  it('--resume and `taskmaster resume` continue without asking, even at a terminal', async () => {
    project = await interruptedAtTask3({ task3Failures: 2, config: { detect_non_progress: false } });

    const viaFlag = await project.run(['run', 'tasks.yml', '--resume', '--stop-on-first-failure'], {
      answers: [],
    });
    expect(viaFlag.code).toBe(1);
    expect(viaFlag.stdout).not.toContain('Resume from task');
    expect(viaFlag.stdout).toContain('Resuming at task 3 of 5');

    const viaCommand = await project.run(['resume'], { answers: [] });

    expect(viaCommand.code, viaCommand.stderr).toBe(0);
    expect(viaCommand.stdout).not.toContain('Resume from task');
    expect(runCounts(project)).toEqual({ 'task-1': 1, 'task-2': 1, 'task-3': 1, 'task-4': 1, 'task-5': 1 });
    expect(project.state().attempt_counts['task-3']).toBe(3);
  });

  it('--fresh starts over from task 1 and keeps the previous state as a backup', async () => {
    project = interrupted.clone();
    const old = readFileSync(path.join(project.dir, '.taskmaster/state.json'), 'utf8');

    const result = await project.run(['run', 'tasks.yml', '--fresh', '--stop-on-first-failure']);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /Starting fresh; the previous state is kept as \.taskmaster\/state\.json\.\d{8}T\d{6}Z\.old/,
    );
    expect(runCounts(project)).toEqual({ 'task-1': 2, 'task-2': 2 });
    expect(backups(project)).toEqual([old]);
    expect(project.state().attempt_counts['task-3']).toBe(1);
  });
});

describe('where state lives (slow)', () => {
  it('TASKMASTER_STATE_DIR keeps the run state in another directory', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'taskmaster-state-'));
    extraDirs.push(elsewhere);
    project = createProject({
      config: { hooks: { check: { command: 'test -f one.txt' } } },
      tasks: [{ id: 'task-1', title: 'Write one', post_hooks: ['check'] }],
      script: { 'task-1': [[write('one.txt', '1\n'), finish()]] },
    });
    const env = { TASKMASTER_STATE_DIR: elsewhere };

    const result = await project.run(['run', 'tasks.yml'], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(readState(path.join(elsewhere, 'state.json')).completed_task_ids).toEqual(['task-1']);
    expect(existsSync(path.join(elsewhere, 'logs/task-1/post.log'))).toBe(true);
    expect(existsSync(path.join(project.dir, '.taskmaster'))).toBe(false);
    const status = await project.run(['status'], { env });
    expect(status.stdout).toContain('✓ task-1: Write one');
  });

  it('reports tasks added, removed and renamed in the task file since the last run', async () => {
    project = createProject({
      config: { hooks: { check: { command: 'test -f b.txt' } } },
      tasks: [
        { id: 'a', title: 'First' },
        { id: 'b', title: 'Second', post_hooks: ['check'] },
        { id: 'c', title: 'Third' },
      ],
      script: { b: [idle(), [write('b.txt', 'b\n'), finish()]] },
    });
    expect((await project.run(['run', 'tasks.yml', '--stop-on-first-failure'])).code).toBe(1);
    project.writeTasks([
      { id: 'a', title: 'First' },
      { id: 'b', title: 'Second, clarified', post_hooks: ['check'] },
      { id: 'd', title: 'Fourth' },
    ]);

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Task file changed since the last run: + d (new): Fourth');
    expect(result.stdout).toContain('Task file changed since the last run: - c (removed)');
    expect(result.stdout).toContain(
      'Task file changed since the last run: ~ b renamed: "Second" → "Second, clarified"',
    );
    const state = project.state();
    expect(state.completed_task_ids).toEqual(['a', 'b', 'd']);
    expect(state.attempt_counts).toEqual({ a: 1, b: 2, d: 1 });
  });
});

describe('hook changes since the last run (slow)', () => {
  it('a resume lists hooks whose definition changed and tasks that run other hooks', async () => {
    project = createProject({
      config: {
        hooks: { check: { command: 'test -f b.txt' }, lint: { command: 'true' } },
      },
      tasks: [{ id: 'b', title: 'Write b', post_hooks: ['lint', 'check'] }],
      script: { b: [idle(), [write('b.txt', 'b\n'), finish()]] },
    });
    expect((await project.run(['run', 'tasks.yml', '--stop-on-first-failure'])).code).toBe(1);
    // What a hook (or anything else) could do between two runs: replace the check that judges the task.
    project.repo.write(
      '.taskmaster.yml',
      project.repo
        .read('.taskmaster.yml')
        .replace('test -f b.txt', '"true"')
        .replace('lint:\n    command: "true"', 'lint:\n    command: "true"\n    stop_on_failure: false'),
    );
    project.writeTasks([{ id: 'b', title: 'Write b', post_hooks: ['check'] }]);

    const result = await project.run(['resume']);

    expect(result.stdout).toContain('⚠ Hooks changed since the last run: ~ hook check changed: command');
    expect(result.stdout).toContain(
      '⚠ Hooks changed since the last run: ~ hook lint changed: stop_on_failure true → false',
    );
    expect(result.stdout).toContain(
      '⚠ Hooks changed since the last run: ~ b post_hooks: [lint, check] → [check]',
    );
    expect(project.repo.read('.taskmaster/state.json')).not.toContain('test -f b.txt');
  });
});

describe('pauses (slow)', () => {
  it('a rate-limit pause saves state and exits 3; `taskmaster resume` after the reset finishes', async () => {
    project = createProject({
      config: {
        rate_limit_max_wait: 0,
        hooks: { one: { command: 'test -f one.txt' }, two: { command: 'test -f two.txt' } },
      },
      provider: { rate_limits: { max_requests_minute: 2 } },
      tasks: [
        { id: 'task-1', title: 'Write one', post_hooks: ['one'] },
        { id: 'task-2', title: 'Write two', post_hooks: ['two'] },
      ],
      script: {
        'task-1': [[write('one.txt', '1\n'), finish()]],
        'task-2': [[write('two.txt', '2\n'), finish()]],
      },
    });

    const paused = await project.run(['run', 'tasks.yml'], { clock: minutesLater(0) });

    expect(paused.code).toBe(3);
    expect(paused.stderr).toContain('⚠ Rate limit reached!');
    expect(paused.stderr).toContain('Next reset: 2025-11-16 10:01:00 UTC');
    expect(paused.stderr).toContain('  taskmaster resume');
    let state = project.state();
    expect(state).toMatchObject({
      status: 'paused',
      pause_reason: 'rate-limit',
      completed_task_ids: ['task-1'],
    });
    expect(state.attempt_counts['task-2'] ?? 0).toBe(0);

    const resumed = await project.run(['resume'], { clock: minutesLater(1) });

    expect(resumed.code, resumed.stderr).toBe(0);
    state = project.state();
    expect(state.completed_task_ids).toEqual(['task-1', 'task-2']);
    expect(state.attempt_counts['task-2']).toBe(1);
  });
});

describe('resume keeps the run flags (slow)', () => {
  it('tasks finished after `taskmaster resume` are committed like the ones before the pause', async () => {
    project = createProject({
      config: {
        rate_limit_max_wait: 0,
        hooks: { one: { command: 'test -f one.txt' }, two: { command: 'test -f two.txt' } },
      },
      provider: { rate_limits: { max_requests_minute: 2 } },
      tasks: [
        { id: 'task-1', title: 'Write one', post_hooks: ['one'] },
        { id: 'task-2', title: 'Write two', post_hooks: ['two'] },
      ],
      script: {
        'task-1': [[write('one.txt', '1\n'), finish()]],
        'task-2': [[write('two.txt', '2\n'), finish()]],
      },
    });

    const paused = await project.run(['run', 'tasks.yml', '--auto-apply'], { clock: minutesLater(0) });
    expect(paused.code).toBe(3);
    const resumed = await project.run(['resume'], { clock: minutesLater(1) });

    expect(resumed.code, resumed.stderr).toBe(0);
    expect(project.repo.git('log', '--format=%s', '-2').split('\n')).toEqual([
      'taskmaster(task-2): Write two',
      'taskmaster(task-1): Write one',
    ]);
    expect(project.state().run_options).toEqual({ auto_apply: true, stop_on_first_failure: false });
  });
});

function backups(p: Project): string[] {
  const dir = path.join(p.dir, '.taskmaster');
  return readdirSync(dir)
    .filter((name) => /^state\.json\..*\.old$/.test(name))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}
