import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { TaskConfig } from './types.js';
import type { ResolveContext } from './context.js';
import type { KeyPath } from './key-path.js';
import { checkHookList, checkProviderName } from './references.js';
import { relativePosix, staysInside } from './repo-paths.js';
import { bulletRequirements } from './requirements.js';
import type { RawFile, RawTask } from './schema.js';
import { locate } from './yaml-source.js';

const ID = /^[A-Za-z0-9._-]+$/;

/** What every task falls back on. */
export interface TaskDefaults {
  /** Undefined when it could not be decided (already reported). */
  defaultProvider: string | undefined;
  /** Every key of `provider_configs`, valid or not, so a broken entry is not also "unknown". */
  providerNames: string[];
  hookNames: string[];
  /** Lists a task inherits when it names neither of its own. */
  hookDefaults: RawFile['hook_defaults'];
  /** `max_attempts_per_task`. */
  maxAttempts: number;
}

/** The task list with defaults applied; every task problem (ids, names, paths) is reported. */
export async function resolveTasks(
  raw: RawTask[] | undefined,
  defaults: TaskDefaults,
  ctx: ResolveContext,
): Promise<TaskConfig[]> {
  if (!checkPresent(raw, ctx)) return [];
  checkIds(raw, ctx);
  const tasks: TaskConfig[] = [];
  for (const [i, task] of raw.entries()) tasks.push(await resolveTask(task, ['tasks', i], defaults, ctx));
  return tasks;
}

function checkPresent(raw: RawTask[] | undefined, ctx: ResolveContext): raw is RawTask[] {
  const task = ctx.sources.task;
  const example = 'tasks:\n      - id: task-1\n        title: Describe the change';
  if (raw === undefined)
    ctx.sources.reportIn(task, ['tasks'], 'the task file has no tasks list', `add one:\n    ${example}`);
  else if (raw.length === 0)
    ctx.sources.reportIn(task, ['tasks'], 'the list is empty', `add at least one task:\n    ${example}`);
  return raw !== undefined && raw.length > 0;
}

function checkIds(raw: RawTask[], ctx: ResolveContext): void {
  const seen = new Map<string, KeyPath>();
  raw.forEach((task, i) => {
    const path = ['tasks', i];
    if (task.id === undefined || task.id === '') {
      ctx.sources.report(
        [...path, 'id'],
        `task ${i + 1} has no id`,
        `add id: task-${i + 1} (ids are unique)`,
      );
      return;
    }
    if (!ID.test(task.id)) {
      const fix = `use letters, digits, ".", "_" and "-" only, e.g. id: ${task.id.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
      ctx.sources.report(
        [...path, 'id'],
        `task id "${task.id}" contains characters that are not allowed`,
        fix,
      );
    }
    const first = seen.get(task.id);
    if (first === undefined) seen.set(task.id, [...path, 'id']);
    else reportDuplicate(task.id, first, [...path, 'id'], ctx);
  });
}

function reportDuplicate(id: string, first: KeyPath, second: KeyPath, ctx: ResolveContext): void {
  const { line } = locate(ctx.sources.task, first);
  const fix = 'give each task its own id (ids key the run state)';
  ctx.sources.report(second, `duplicate task id "${id}" (already used on line ${line})`, fix);
}

async function resolveTask(
  raw: RawTask,
  path: KeyPath,
  d: TaskDefaults,
  ctx: ResolveContext,
): Promise<TaskConfig> {
  checkTitle(raw, path, ctx);
  checkHookList(ctx, [...path, 'pre_hooks'], raw.pre_hooks, d.hookNames);
  checkHookList(ctx, [...path, 'post_hooks'], raw.post_hooks, d.hookNames);
  const description = raw.description ?? '';
  return {
    id: raw.id ?? '',
    title: raw.title ?? '',
    description,
    requirements: raw.requirements ?? bulletRequirements(description),
    path: await taskPath(raw, path, ctx),
    provider: taskProvider(raw, path, d, ctx),
    pre_hooks: raw.pre_hooks ?? d.hookDefaults?.pre_hooks ?? [],
    post_hooks: raw.post_hooks ?? d.hookDefaults?.post_hooks ?? [],
    max_attempts: raw.max_attempts ?? d.maxAttempts,
  };
}

function checkTitle(raw: RawTask, path: KeyPath, ctx: ResolveContext): void {
  if (raw.title !== undefined && raw.title.trim() !== '') return;
  const name = raw.id === undefined ? `task ${Number(path[1]) + 1}` : `task "${raw.id}"`;
  ctx.sources.report(
    [...path, 'title'],
    `${name} has no title`,
    'add title: <one line saying what the task does>',
  );
}

function taskProvider(raw: RawTask, path: KeyPath, d: TaskDefaults, ctx: ResolveContext): string {
  if (raw.provider === undefined) return d.defaultProvider ?? '';
  checkProviderName(ctx, [...path, 'provider'], raw.provider, d.providerNames);
  return raw.provider;
}

async function taskPath(raw: RawTask, path: KeyPath, ctx: ResolveContext): Promise<string> {
  if (raw.path === undefined) return '.';
  const absolute = resolve(ctx.repoRoot, raw.path);
  if (!(await staysInside(ctx.repoRoot, absolute))) {
    const fix = `use a directory inside the repository; task paths are relative to its root (${ctx.repoRoot})`;
    ctx.sources.report([...path, 'path'], `path "${raw.path}" is outside the repository`, fix);
  } else {
    await checkDirectory(raw.path, absolute, [...path, 'path'], ctx);
  }
  return relativePosix(ctx.repoRoot, absolute);
}

/** Hooks and the agent run inside the task's path, so it must be a directory when the run starts. */
async function checkDirectory(written: string, absolute: string, path: KeyPath, ctx: ResolveContext) {
  const kind = await pathKind(absolute);
  if (kind === 'directory') return;
  const where = relativePosix(ctx.repoRoot, absolute);
  const message =
    kind === 'missing' ? `path "${written}" does not exist` : `path "${written}" is a file, not a directory`;
  const fix =
    kind === 'missing'
      ? `correct the path (relative to the repository root), or create the directory and commit it (mkdir -p ${where})`
      : `name the directory the task works in, e.g. "${relativePosix(ctx.repoRoot, dirname(absolute)) || '.'}"`;
  ctx.sources.report(path, message, fix);
}

async function pathKind(absolute: string): Promise<'directory' | 'file' | 'missing'> {
  try {
    return (await stat(absolute)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}
