/**
 * What changed in the task file since the state was written: tasks are matched by id, so a resumed run
 * keeps the progress of every task that is still there and says what is different. The hooks that judge
 * the tasks are compared too (which hooks each task runs here, their definitions in hook-changes.ts).
 */
import type { HookConfig } from '../config/types.js';
import { describeHookChanges, type HookSnapshot, snapshotHooks } from './hook-changes.js';

/** A task as the state remembers it. */
export interface TaskRef {
  /** The task's id, the key everything in state is stored under. */
  id: string;
  /** The task's title when it was read. */
  title: string;
  /** The hooks the task ran; absent in states written before they were recorded. */
  pre_hooks?: string[] | undefined;
  post_hooks?: string[] | undefined;
}

/** What the state keeps to compare the next run's tasks and hooks with. */
export interface JudgeSnapshot {
  tasks: TaskRef[];
  hook_fingerprints: HookSnapshot;
}

/** The parts of a configuration that are compared. */
export interface JudgedConfig {
  repoRoot: string;
  tasks: ReadonlyArray<TaskRef & { pre_hooks: string[]; post_hooks: string[] }>;
  hooks: Record<string, HookConfig>;
}

/** The snapshot to store in state; `salt` keeps the hashes comparable with an earlier snapshot's. */
export function judgeSnapshot(config: JudgedConfig, salt?: string): JudgeSnapshot {
  return {
    tasks: config.tasks.map(({ id, title, pre_hooks, post_hooks }) => ({ id, title, pre_hooks, post_hooks })),
    hook_fingerprints: snapshotHooks(config.hooks, config.repoRoot, salt),
  };
}

/** The lines a resumed run prints: task-file changes, and changes to the hooks that judge the tasks. */
export function changesSince(
  state: { tasks: readonly TaskRef[]; hook_fingerprints?: HookSnapshot | undefined },
  config: JudgedConfig,
): { tasks: string[]; hooks: string[] } {
  const hooks = state.hook_fingerprints
    ? describeHookChanges(state.hook_fingerprints, config.hooks, config.repoRoot)
    : [];
  return {
    tasks: describeTaskChanges(diffTasks(state.tasks, config.tasks)),
    hooks: [...hooks, ...taskHookChanges(state.tasks, config.tasks)],
  };
}

/** `~ task-1 post_hooks: [lint, test] → [test]` for each task that runs other hooks now. */
function taskHookChanges(previous: readonly TaskRef[], current: readonly TaskRef[]): string[] {
  const before = new Map(previous.map((t) => [t.id, t]));
  return current.flatMap((task) => {
    const old = before.get(task.id);
    if (old === undefined) return [];
    return (['pre_hooks', 'post_hooks'] as const).flatMap((key) => {
      const from = old[key];
      const to = task[key] ?? [];
      if (from === undefined || from.join('\0') === to.join('\0')) return [];
      return [`~ ${task.id} ${key}: [${from.join(', ')}] → [${to.join(', ')}]`];
    });
  });
}

/** A task whose title changed. */
export interface RetitledTask {
  /** The task's id. */
  id: string;
  /** Title in the state. */
  from: string;
  /** Title in the task file now. */
  to: string;
}

/** A task that now runs at another place in the order. Positions are 1-based, as the user counts. */
export interface MovedTask {
  /** The task's id. */
  id: string;
  /** The task's current title. */
  title: string;
  /** Position in the state's task list. */
  from: number;
  /** Position in the task file now. */
  to: number;
}

/** Differences between the tasks in the state and those in the task file. */
export interface TaskDiff {
  /** In the task file, not in the state (task-file order). */
  added: TaskRef[];
  /** In the state, gone from the task file (state order). */
  removed: TaskRef[];
  /** Same id, different title. */
  retitled: RetitledTask[];
  /** Tasks that changed place; the fewest that explain the new order (the rest kept theirs). */
  moved: MovedTask[];
}

export function diffTasks(previous: readonly TaskRef[], current: readonly TaskRef[]): TaskDiff {
  const before = new Map(previous.map((t, i) => [t.id, { task: t, index: i }]));
  const now = new Set(current.map((t) => t.id));
  const retitled: RetitledTask[] = [];
  for (const task of current) {
    const old = before.get(task.id)?.task;
    if (old !== undefined && old.title !== task.title)
      retitled.push({ id: task.id, from: old.title, to: task.title });
  }
  return {
    added: current.filter((t) => !before.has(t.id)).map(pick),
    removed: previous.filter((t) => !now.has(t.id)).map(pick),
    retitled,
    moved: movedTasks(previous, current),
  };
}

export function hasTaskChanges(diff: TaskDiff): boolean {
  return diff.added.length + diff.removed.length + diff.retitled.length + diff.moved.length > 0;
}

/** One line per change, e.g. `+ task-6 (new): Add audit log`; empty when nothing changed. */
export function describeTaskChanges(diff: TaskDiff): string[] {
  return [
    ...diff.added.map((t) => `+ ${t.id} (new): ${t.title}`),
    ...diff.removed.map((t) => `- ${t.id} (removed)`),
    ...diff.retitled.map((t) => `~ ${t.id} renamed: "${t.from}" → "${t.to}"`),
    ...diff.moved.map((t) => `↕ ${t.id} moved: position ${t.from} → ${t.to}`),
  ];
}

/**
 * Tasks present in both lists whose relative order changed. The tasks on a longest increasing run of
 * old positions (taken in the new order) stayed put; every other common task moved.
 */
function movedTasks(previous: readonly TaskRef[], current: readonly TaskRef[]): MovedTask[] {
  const oldIndex = new Map(previous.map((t, i) => [t.id, i]));
  const common = current.flatMap((task, to) => {
    const from = oldIndex.get(task.id);
    return from === undefined ? [] : [{ task, from, to }];
  });
  const stayed = longestIncreasing(common.map((c) => c.from));
  return common
    .filter((_, i) => !stayed.has(i))
    .map(({ task, from, to }) => ({ id: task.id, title: task.title, from: from + 1, to: to + 1 }));
}

/** Indexes (into `values`) of one longest strictly increasing subsequence. O(n²): task lists are short. */
function longestIncreasing(values: readonly number[]): Set<number> {
  const length: number[] = [];
  const prev: number[] = [];
  let best = -1;
  values.forEach((v, i) => {
    length[i] = 1;
    prev[i] = -1;
    for (let j = 0; j < i; j += 1) {
      const lj = length[j] ?? 0;
      if ((values[j] ?? 0) < v && lj + 1 > (length[i] ?? 0)) [length[i], prev[i]] = [lj + 1, j];
    }
    if (best === -1 || (length[i] ?? 0) > (length[best] ?? 0)) best = i;
  });
  const chain = new Set<number>();
  for (let i = best; i !== -1; i = prev[i] ?? -1) chain.add(i);
  return chain;
}

function pick({ id, title }: TaskRef): TaskRef {
  return { id, title };
}
