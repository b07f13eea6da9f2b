import { describe, expect, it } from 'vitest';
import { describeTaskChanges, diffTasks, hasTaskChanges } from '../../src/state/task-changes.js';

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
