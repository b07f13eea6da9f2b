import { linkSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgePaths } from '../../src/agent/judge-paths.js';
import { config } from '../limits/config-fixture.js';
import { call, makeExecutor, makeRepo, type TempRepo } from './temp-repo.js';

const CONFIG = 'hooks:\n  test: { command: npm test }\n';
const TASKS = 'tasks:\n  - id: t1\n    title: One\n    post_hooks: [test]\n';

/** A repository with a configuration, a task file and custom templates, and the executor of its run. */
function projectRepo(): { repo: TempRepo; executor: ReturnType<typeof makeExecutor> } {
  const repo = makeRepo({
    '.taskmaster.yml': CONFIG,
    'tasks.yml': TASKS,
    'prompts/task.txt': 'Do {{task_title}}\n',
    'src/app.ts': 'export {};\n',
  });
  const judges = judgePaths(
    config({
      repoRoot: repo.root,
      configFile: path.join(repo.root, '.taskmaster.yml'),
      taskFile: path.join(repo.root, 'tasks.yml'),
      // The state directory elsewhere, so that `.taskmaster/prompts/` is not already refused as state.
      stateDir: path.join(repo.base, 'state'),
      prompt_templates: { task: path.join(repo.root, 'prompts/task.txt'), variables: {} },
    }),
  );
  const executor = makeExecutor(repo, { judgePaths: judges, stateDir: path.join(repo.base, 'state') });
  return { repo, executor };
}

const read = (repo: TempRepo, rel: string): string => readFileSync(path.join(repo.root, rel), 'utf8');

describe('the judge is read-only to the agent', () => {
  it('refuses write_file .taskmaster.yml with an error naming why, and leaves the file unchanged', async () => {
    const { repo, executor } = projectRepo();
    const result = await call(executor, 'write_file', {
      path: '.taskmaster.yml',
      content: 'hooks:\n  test: { command: "true" }\n',
    });
    expect(result.isError).toBe(true);
    expect(result.content).toContain("'.taskmaster.yml' is the configuration file of this run");
    expect(result.content).toContain('which judge its work');
    expect(read(repo, '.taskmaster.yml')).toBe(CONFIG);
    expect(executor.changedFiles).toEqual([]);
  });

  it('refuses edits of the task file and of a configured template, and writes into .taskmaster/prompts/', async () => {
    const { repo, executor } = projectRepo();
    const edit = await call(executor, 'edit_file', {
      path: 'tasks.yml',
      old_text: 'post_hooks: [test]',
      new_text: 'post_hooks: []',
    });
    expect(edit).toMatchObject({ isError: true });
    expect(edit.content).toContain('is the task file of this run');
    const template = await call(executor, 'write_file', { path: 'prompts/task.txt', content: 'x' });
    expect(template.content).toContain('is a prompt template of this run');
    const dir = await call(executor, 'write_file', { path: '.taskmaster/prompts/retry.txt', content: 'x' });
    expect(dir.content).toContain('is the prompt template directory of this run');
    expect(read(repo, 'tasks.yml')).toBe(TASKS);
    expect(read(repo, 'prompts/task.txt')).toBe('Do {{task_title}}\n');
  });

  it('refuses another spelling, a symlink to the configuration, and a new .taskmaster.yml beside the task file', async () => {
    const { repo, executor } = projectRepo();
    symlinkSync('.taskmaster.yml', path.join(repo.root, 'alias.yml'));
    for (const target of ['./src/../.taskmaster.yml', '.TaskMaster.yml', 'alias.yml']) {
      const result = await call(executor, 'write_file', { path: target, content: 'x' });
      expect(result.content, target).toContain('is the configuration file of this run');
    }
    expect(read(repo, '.taskmaster.yml')).toBe(CONFIG);
  });

  it('still lets the agent read them, and write everything else', async () => {
    const { repo, executor } = projectRepo();
    expect(await call(executor, 'read_file', { path: '.taskmaster.yml' })).toMatchObject({ isError: false });
    expect(await call(executor, 'write_file', { path: 'src/app.ts', content: 'ok\n' })).toMatchObject({
      isError: false,
    });
    expect(read(repo, 'src/app.ts')).toBe('ok\n');
  });

  it('writing a hard link to the configuration does not change the configuration', async () => {
    const { repo, executor } = projectRepo();
    linkSync(path.join(repo.root, '.taskmaster.yml'), path.join(repo.root, 'copy.yml'));
    const result = await call(executor, 'write_file', { path: 'copy.yml', content: 'changed\n' });
    expect(result.isError).toBe(false);
    expect(read(repo, '.taskmaster.yml')).toBe(CONFIG);
  });
});

describe('judgePaths', () => {
  it('names .taskmaster.yml at the repository root even when the run has no configuration file', () => {
    const paths = judgePaths(config({ repoRoot: '/repo', taskFile: '/repo/work/tasks.yml' }));
    expect(paths.map((p) => p.path)).toEqual([
      '/repo/.taskmaster.yml',
      '/repo/work/.taskmaster.yml',
      '/repo/work/tasks.yml',
      '/repo/.taskmaster/prompts',
    ]);
  });
});
