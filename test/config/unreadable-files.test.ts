import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, testEnv } from '../support/cli-runner.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const TASKS = 'tasks:\n  - id: task-1\n    title: Do it\n';
const SCRIPTED = 'provider_configs:\n  replay:\n    type: scripted\n    script: script.yml\n';

/** Nine levels of nine aliases: 9^9 values once expanded, from a file of a few hundred bytes. */
function aliasBomb(): string {
  const levels = 'abcdefghi'.split('');
  return levels
    .map((name, i) => {
      const items = i === 0 ? Array(9).fill('"lol"') : Array(9).fill(`*${levels[i - 1]}`);
      return `${name}: &${name} [${items.join(', ')}]`;
    })
    .join('\n');
}

async function cli(args: string[]) {
  return runCli(args, { cwd: repo?.dir ?? '', env: testEnv() });
}

describe('files that cannot be read as YAML data', () => {
  it('a .taskmaster.yml that is a directory is an error (exit 2), not silently ignored', async () => {
    repo = createRepo({
      'tasks.yml': SCRIPTED + TASKS,
      'script.yml': 'tasks: {}\n',
    });
    mkdirSync(path.join(repo.dir, '.taskmaster.yml'));

    const result = await cli(['validate', 'tasks.yml']);

    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('.taskmaster.yml: is a directory, not a file');
  });

  it('an alias bomb in .taskmaster.yml is an error (exit 2) naming the file', async () => {
    repo = createRepo({
      '.taskmaster.yml': aliasBomb(),
      'tasks.yml': SCRIPTED + TASKS,
      'script.yml': 'tasks: {}\n',
    });

    const result = await cli(['validate', 'tasks.yml']);

    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('.taskmaster.yml: YAML error: too many aliases');
  });

  it('an alias bomb in a scripted provider script is an error (exit 2) naming the script', async () => {
    repo = createRepo({ 'tasks.yml': SCRIPTED + TASKS, 'script.yml': `${aliasBomb()}\ntasks: {}\n` });

    const result = await cli(['run', 'tasks.yml']);

    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('script.yml');
    expect(result.stderr).toContain('too many aliases');
  });
});
