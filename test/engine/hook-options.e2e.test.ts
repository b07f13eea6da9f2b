/**
 * The guide's "Basic Hook Definition" and "Advanced Hook Options", one option at a time, with real
 * hook processes: timeout, working_dir, env (and the secrets hooks never see), retry_count/retry_delay,
 * capture_output, log_output and quiet.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/engine/ports.js';
import { sleepers, uniqueSleep } from './helpers/processes.js';
import { createProject, type Project } from './helpers/project.js';
import { finish, idle, write } from './helpers/turns.js';

let project: Project | undefined;
afterEach(() => project?.cleanup());

/** One task with the given hooks; the agent writes `out.txt` with `content` on its first attempt. */
function oneTask(hooks: Record<string, unknown>, task: Record<string, unknown>, extra = {}): Project {
  return createProject({
    config: { hooks, ...extra },
    tasks: [{ id: 'task-1', title: 'Do it', ...task }],
    script: { 'task-1': [[write('out.txt', 'ok\n'), finish()]] },
  });
}

describe('hook options (slow: real hooks, real git)', () => {
  it('timeout kills the hook and everything it started; the attempt fails as timed out', async () => {
    const child = uniqueSleep();
    project = oneTask(
      { test: { command: `sleep ${child} & wait`, timeout: 0.5 } },
      { post_hooks: ['test'], max_attempts: 1 },
      { on_give_up: 'skip' },
    );
    let seen = false;
    const watching = setInterval(() => (seen ||= sleepers(child).length > 0), 10);

    const result = await project.run(['run', 'tasks.yml']).finally(() => clearInterval(watching));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✗ test failed (timed out');
    expect(project.state().last_errors['task-1']).toBe('test hook timed out after 0.5s');
    expect(seen).toBe(true);
    expect(sleepers(child)).toEqual([]);
    expect(project.log('task-1', 'post.log')).toContain('timed out: yes (after 0.5s)');
  });

  it('working_dir runs the hook there (relative to the repository root); others run in the repository root, whatever the task path', async () => {
    project = oneTask(
      {
        'in-backend': { command: 'pwd > "$MARK/backend"', working_dir: './backend' },
        'in-task': { command: 'pwd > "$MARK/task"' },
      },
      { path: 'services/api/', post_hooks: ['in-backend', 'in-task'] },
    );
    project.repo.write('backend/.keep', '');
    project.repo.write('services/api/.keep', '');
    project.repo.commit('dirs');

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    const root = realpathSync(project.dir);
    expect(project.marks('backend')).toEqual([path.join(root, 'backend')]);
    expect(project.marks('task')).toEqual([root]);
  });

  it('a working_dir gone by the time the hook runs fails it saying the directory does not exist', async () => {
    project = oneTask(
      { clean: { command: 'rm -rf generated' }, check: { command: 'true', working_dir: 'generated' } },
      { pre_hooks: ['clean'], post_hooks: ['check'], max_attempts: 1 },
      { on_give_up: 'skip' },
    );
    project.repo.write('generated/.keep', '');
    project.repo.commit('generated');

    const result = await project.run(['run', 'tasks.yml']);

    const missing = `working directory ${path.join(realpathSync(project.dir), 'generated')} does not exist`;
    expect(result.stdout).toContain(`✗ check failed (not run: ${missing}`);
    expect(result.stdout).not.toContain('was killed');
    expect(project.state().last_errors['task-1']).toContain(`check hook could not start: ${missing}`);
  });

  it('env adds variables to the hook; API keys and GitHub tokens never reach it', async () => {
    project = oneTask(
      {
        test: {
          command: 'env > "$MARK/env"',
          env: { TESTING: '1', DATABASE_URL: 'postgresql://localhost/test_db' },
        },
      },
      { post_hooks: ['test'] },
    );
    const secrets = {
      ANTHROPIC_API_KEY: 'sk-ant-e2e-secret-1',
      OPENAI_API_KEY: 'sk-openai-e2e-secret-2',
      GITHUB_TOKEN: 'ghp_e2e_secret_3',
    };

    const result = await project.run(['run', 'tasks.yml'], { env: { ...secrets, PLAIN_SETTING: 'kept' } });

    expect(result.code, result.stderr).toBe(0);
    const env = project.marks('env');
    expect(env).toEqual(
      expect.arrayContaining([
        'TESTING=1',
        'DATABASE_URL=postgresql://localhost/test_db',
        'PLAIN_SETTING=kept',
        'TASKMASTER_HOOK=test',
      ]),
    );
    for (const [name, value] of Object.entries(secrets)) {
      expect(env.join('\n')).not.toContain(name);
      expect(env.join('\n')).not.toContain(value);
    }
  });

  it('retry_count re-runs a failing hook after retry_delay seconds before it counts as failed', async () => {
    const flaky =
      'n=$(cat "$MARK/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$MARK/runs"; [ $n -ge 3 ]';
    project = oneTask(
      { flaky: { command: flaky, retry_count: 2, retry_delay: 5 } },
      { post_hooks: ['flaky'] },
    );
    const clock = new FakeClock();

    const result = await project.run(['run', 'tasks.yml'], { clock });

    expect(result.code, result.stderr).toBe(0);
    expect(project.marks('runs')).toEqual(['3']);
    expect(clock.sleeps.filter((ms) => ms === 5000)).toHaveLength(2);
    expect(result.stdout).toMatch(/✓ flaky passed \(.*, 3 runs\)/);
    expect(result.stdout).toContain('running it again in 5s (run 2 of 3)');
    expect(project.state().attempt_counts['task-1']).toBe(1);
    expect(project.log('task-1', 'post.log')).toContain('hook flaky (run 3 of 3)');
  });

  it('capture_output: false keeps the output out of the retry prompt; log_output: false keeps it out of post.log', async () => {
    // The output ("DETAIL-42") differs from the command text, which the prompt lists among the post-hooks.
    const failOnce = (name: string) =>
      `if [ ! -f "$MARK/${name}" ]; then touch "$MARK/${name}"; echo "DETAIL-$((40+2))"; exit 1; fi`;
    project = createProject({
      config: {
        hooks: {
          uncaptured: { command: failOnce('uncaptured'), capture_output: false },
          unlogged: { command: failOnce('unlogged'), log_output: false },
        },
      },
      tasks: [
        { id: 'task-1', title: 'Uncaptured', post_hooks: ['uncaptured'] },
        { id: 'task-2', title: 'Unlogged', post_hooks: ['unlogged'] },
      ],
      script: {
        'task-1': [[write('one.txt', '1\n')], [write('one.txt', '1 again\n')]],
        'task-2': [[write('two.txt', '2\n')], [write('two.txt', '2 again\n')]],
      },
    });

    const result = await project.run(['run', 'tasks.yml', '--verbose']);

    expect(result.code, result.stderr).toBe(0);
    const retryPrompt = (id: string) => {
      const all = project?.log(id, 'prompt.txt') ?? '';
      return all.slice(all.indexOf('# Retry'));
    };
    expect(retryPrompt('task-1')).toContain('# Retry: Uncaptured');
    expect(retryPrompt('task-1')).not.toContain('DETAIL-42');
    expect(project.log('task-1', 'post.log')).toContain('DETAIL-42');
    expect(retryPrompt('task-2')).toContain('DETAIL-42');
    expect(project.log('task-2', 'post.log') ?? '').not.toContain('DETAIL-42');
  });

  it('quiet: false streams the output to the console as it runs; quiet: true does not', async () => {
    project = oneTask(
      {
        loud: { command: 'echo "LOUD-$((1+1))"', description: 'Speaks up' },
        hushed: { command: 'echo "HUSH-$((1+1))"', quiet: true },
      },
      { post_hooks: ['loud', 'hushed'] },
    );

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('▸ post-hook loud: Speaks up');
    expect(result.stdout).toContain('│ LOUD-2');
    expect(result.stdout).not.toContain('HUSH-2');
    expect(project.log('task-1', 'post.log')).toContain('HUSH-2');
  });
});

describe('a task with no post-hooks (slow)', () => {
  it('succeeds when the agent finishes, with a warning that nothing verified it', async () => {
    project = createProject({
      tasks: [{ id: 'task-1', title: 'Unchecked' }],
      script: { 'task-1': [idle()] },
    });

    const result = await project.run(['run', 'tasks.yml']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('⚠ task-1: no post-hooks are configured, so nothing verified this task');
    expect(project.state().completed_task_ids).toEqual(['task-1']);
  });
});
