import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('the quickstart example (slow: real hooks, real git)', () => {
  it('fixes one task at once and the other on the retry, one commit per task', async () => {
    repo = createRepo({});
    cpSync(path.resolve('examples/quickstart'), repo.dir, { recursive: true });
    repo.commit('quickstart');

    const result = await runCli(['run', 'tasks.yml', '--auto-apply'], { cwd: repo.dir });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Run complete: 2 of 2 tasks completed');
    const state = JSON.parse(readFileSync(path.join(repo.dir, '.taskmaster/state.json'), 'utf8'));
    expect(state.status).toBe('completed');
    expect(state.completed_task_ids).toEqual(['fix-add', 'slugify']);
    expect(state.attempt_counts).toEqual({ 'fix-add': 1, slugify: 2 });
    expect(state.last_errors.slugify).toBe('test-slug hook failed (exit code 1)');
    expect(repo.git('log', '--format=%s', '-3').split('\n')).toEqual([
      'taskmaster(slugify): Implement slugify()',
      'taskmaster(fix-add): Fix add()',
      'quickstart',
    ]);
    expect(repo.git('status', '--porcelain', '--', '.', ':(exclude).taskmaster')).toBe('');
    expect(readFileSync(path.join(repo.dir, '.taskmaster/logs/slugify/error.log'), 'utf8')).toContain(
      "'--hello,-world!--'",
    );
  });
});
