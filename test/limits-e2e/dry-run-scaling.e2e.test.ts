/**
 * A dry run of many tasks looks at the repository once per task path, not once per task: counted by
 * the git processes it starts (a `git` on PATH that notes each call, then runs the real one).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, testEnv } from '../support/cli-runner.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
const realPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = realPath;
  repo?.cleanup();
  repo = undefined;
});

/** Puts a counting `git` first on PATH; returns how many times it was called since. */
function countGitCalls(dir: string): () => number {
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'git-calls');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  mkdirSync(bin);
  writeFileSync(log, '');
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho x >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  process.env.PATH = `${bin}:${realPath ?? ''}`;
  return () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
}

function tasks(count: number, paths: string[]) {
  return Array.from({ length: count }, (_, i) => ({
    id: `task-${i}`,
    title: `Task ${i}`,
    path: paths[i % paths.length],
  }));
}

async function gitCallsOfDryRun(taskCount: number): Promise<number> {
  const files = {
    '.taskmaster.yml': stringify({
      provider_configs: { replay: { type: 'scripted', script: 'script.yml' } },
    }),
    'tasks.yml': stringify({ tasks: tasks(taskCount, ['app', 'lib']) }),
    'script.yml': 'tasks: {}\n',
    'app/a.txt': 'a\n',
    'lib/b.txt': 'b\n',
  };
  repo = createRepo(files);
  const calls = countGitCalls(path.join(repo.dir, '.git'));
  const result = await runCli(['run', 'tasks.yml', '--dry-run', '--quiet'], {
    cwd: repo.dir,
    env: testEnv({ PATH: process.env.PATH }),
  });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain(`task-${taskCount - 1}`);
  const count = calls();
  repo.cleanup();
  repo = undefined;
  return count;
}

describe('dry run scaling (slow: real git)', () => {
  it('starts as many git processes for 60 tasks as for 6: one look per task path', async () => {
    const few = await gitCallsOfDryRun(6);
    const many = await gitCallsOfDryRun(60);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });
});
