import { afterEach, describe, expect, it } from 'vitest';
import { filesChangedByRun, runDefinitionFiles } from '../../src/action/run-config-changes.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createRepo, type TempRepo } from '../support/temp-repo.js';

const FILES = {
  '.taskmaster.yml': [
    'provider_configs:',
    '  replay: { type: scripted, script: script.yml }',
    'prompt_templates: { task: prompts/task.md }',
    '',
  ].join('\n'),
  'tasks.yml':
    'tasks:\n  - { id: task-1, title: One, description: one }\n  - { id: task-2, title: Two, description: two }\n',
  'script.yml': 'tasks: {}\n',
  'prompts/task.md': '{{task_description}}\n',
};

let repo: TempRepo;
afterEach(() => repo.cleanup());

async function definitionFiles(): Promise<string[]> {
  const config = await loadConfig({ cwd: repo.dir, taskFile: 'tasks.yml', env: {} });
  return runDefinitionFiles(config);
}

describe("the run's definition files", () => {
  it('are the configuration, the task file and the custom templates', async () => {
    repo = createRepo(FILES);
    expect((await definitionFiles()).sort()).toEqual(['.taskmaster.yml', 'prompts/task.md', 'tasks.yml']);
  });

  it("count as changed by the run only while the run's commit is their newest change", async () => {
    repo = createRepo(FILES);
    repo.write('a.txt', 'a\n');
    const task1 = repo.commit('taskmaster(task-1): One');
    repo.write('tasks.yml', `${FILES['tasks.yml']}  - { id: task-3, title: Three, description: three }\n`);
    repo.write('prompts/task.md', 'Do it.\n');
    const task2 = repo.commit('taskmaster(task-2): Two');
    repo.write('.taskmaster.yml', `${FILES['.taskmaster.yml']}max_attempts_per_task: 2\n`);
    repo.write('prompts/task.md', '{{task_description}}\n');
    repo.commit('A person edits the configuration and puts the template back');

    const files = await definitionFiles();
    const applied = { 'task-1': task1, 'task-2': task2 };
    // task-1's commit changed only code; the person's commit owns the configuration and the template.
    expect(await filesChangedByRun(repo.dir, files, applied)).toEqual([
      { file: 'tasks.yml', sha: task2, taskId: 'task-2' },
    ]);
    // A new run (a new state key) has no commits of its own yet.
    expect(await filesChangedByRun(repo.dir, files, {})).toEqual([]);
  });
});
