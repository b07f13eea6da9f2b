import { describe, expect, it } from 'vitest';
import { initialState, stateSchema } from '../../src/state/run-state.js';
import {
  changesSince,
  describeTaskChanges,
  diffTasks,
  hasTaskChanges,
  judgeSnapshot,
} from '../../src/state/task-changes.js';
import { hookConfig } from '../prompts/fixtures.js';

const t = (id: string, title = `Title of ${id}`) => ({ id, title });

describe('diffTasks', () => {
  it('finds nothing when the task list is unchanged', () => {
    const tasks = [t('task-1'), t('task-2')];
    const diff = diffTasks(tasks, tasks);
    expect(hasTaskChanges(diff)).toBe(false);
    expect(describeTaskChanges(diff)).toEqual([]);
  });

  it('lists added, removed and renamed tasks in words a user reads', () => {
    const before = [t('task-1'), t('task-2'), t('task-3', 'Old')];
    const after = [t('task-1'), t('task-3', 'New'), t('task-6', 'Add audit log')];
    const diff = diffTasks(before, after);
    expect(diff.added).toEqual([t('task-6', 'Add audit log')]);
    expect(diff.removed).toEqual([t('task-2')]);
    expect(diff.retitled).toEqual([{ id: 'task-3', from: 'Old', to: 'New' }]);
    expect(diff.moved).toEqual([]);
    expect(describeTaskChanges(diff)).toEqual([
      '+ task-6 (new): Add audit log',
      '- task-2 (removed)',
      '~ task-3 renamed: "Old" → "New"',
    ]);
  });

  it('does not count tasks as moved when others were only inserted or removed around them', () => {
    const before = [t('a'), t('b'), t('c'), t('d')];
    const after = [t('new'), t('a'), t('c'), t('d')];
    expect(diffTasks(before, after).moved).toEqual([]);
  });

  it('reports the fewest moves that explain a new order', () => {
    const before = [t('a'), t('b'), t('c'), t('d')];
    const after = [t('b'), t('c'), t('d'), t('a')];
    const diff = diffTasks(before, after);
    expect(diff.moved).toEqual([{ id: 'a', title: 'Title of a', from: 1, to: 4 }]);
    expect(describeTaskChanges(diff)).toEqual(['↕ a moved: position 1 → 4']);
  });

  it('reports one of two swapped tasks as moved', () => {
    const diff = diffTasks([t('a'), t('b')], [t('b'), t('a')]);
    expect(diff.moved).toHaveLength(1);
  });

  it('treats a completely new list as all added and all removed', () => {
    const diff = diffTasks([t('a')], [t('b')]);
    expect(describeTaskChanges(diff)).toEqual(['+ b (new): Title of b', '- a (removed)']);
  });
});

describe('changesSince: the hooks that judge the tasks', () => {
  const REPO = '/repo';
  const hook = hookConfig;
  const task = (id: string, post_hooks: string[], pre_hooks: string[] = []) => ({
    ...t(id),
    pre_hooks,
    post_hooks,
  });
  const before = {
    repoRoot: REPO,
    tasks: [task('task-1', ['lint', 'test']), task('task-2', ['test'])],
    hooks: {
      test: hook('test', 'npm test', { env: { DB_URL: 'postgres://u:hunter2@db/x', MODE: 'ci' } }),
      lint: hook('lint', 'npm run lint'),
      setup: hook('setup', 'npm ci'),
    },
  };

  it('finds nothing when the hooks are the same', () => {
    const state = judgeSnapshot(before);
    expect(changesSince(state, before)).toEqual({ tasks: [], hooks: [] });
  });

  it('lists changed commands, settings, working_dir and env variables, new and removed hooks, and changed hook lists', () => {
    const state = judgeSnapshot(before);
    const after = {
      repoRoot: REPO,
      tasks: [task('task-1', ['test']), task('task-2', ['test'], ['setup'])],
      hooks: {
        test: hook('test', 'true', {
          env: { DB_URL: 'postgres://u:other@db/x', MODE: 'ci', EXTRA: '1' },
          stop_on_failure: false,
          timeout: 60,
          working_dir: `${REPO}/services/api`,
        }),
        setup: hook('setup', 'npm ci'),
        format: hook('format', 'prettier --check .'),
      },
    };
    expect(changesSince(state, after).hooks).toEqual([
      '~ hook test changed: command, working_dir (task path) → services/api, env DB_URL, EXTRA, timeout 300 → 60, stop_on_failure true → false',
      '+ hook format (new)',
      '- hook lint (removed)',
      '~ task-1 post_hooks: [lint, test] → [test]',
      '~ task-2 pre_hooks: [] → [setup]',
    ]);
  });

  it('keeps commands and environment values out of the state: only salted hashes, of bounded size', () => {
    const state = judgeSnapshot(before);
    const text = JSON.stringify(state);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('npm test');
    expect(state.hook_fingerprints.hooks.test?.command).toMatch(/^[0-9a-f]{16}$/);
    // The same salt gives the same hashes on the next run; another salt other hashes.
    expect(judgeSnapshot(before, state.hook_fingerprints.salt)).toEqual(state);
    expect(judgeSnapshot(before).hook_fingerprints.hooks.test?.command).not.toBe(
      state.hook_fingerprints.hooks.test?.command,
    );
  });

  it('a state written before hooks were recorded still loads and reports task changes only', () => {
    const old = stateSchema.parse({
      ...initialState('tasks.yml', [t('task-1')], new Date('2026-01-01T00:00:00Z')),
      hook_fingerprints: undefined,
    });
    expect(changesSince(old, before)).toEqual({ tasks: ['+ task-2 (new): Title of task-2'], hooks: [] });
  });
});
