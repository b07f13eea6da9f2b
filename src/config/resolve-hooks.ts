import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HookConfig } from './types.js';
import { DEFAULTS } from './types.js';
import type { ResolveContext } from './context.js';
import { compact } from './key-path.js';
import { staysInside } from './repo-paths.js';
import type { RawHook } from './schema.js';

/** Every entry of `hooks` with DEFAULTS.hook applied; `working_dir` is relative to the repository root. */
export async function resolveHooks(
  raw: Record<string, RawHook> | undefined,
  ctx: ResolveContext,
): Promise<Record<string, HookConfig>> {
  const hooks: Record<string, HookConfig> = {};
  for (const [name, entry] of Object.entries(raw ?? {})) hooks[name] = await resolveHook(name, entry, ctx);
  return hooks;
}

async function resolveHook(name: string, raw: RawHook, ctx: ResolveContext): Promise<HookConfig> {
  const { command, working_dir, env, ...rest } = raw;
  const hook: HookConfig = {
    ...DEFAULTS.hook,
    ...compact(rest),
    name,
    command: command ?? '',
    env: { ...env },
  };
  if (command === undefined) {
    const fix = 'add command: <shell command>, e.g. command: npm test';
    ctx.sources.report(['hooks', name, 'command'], `hook "${name}" has no command`, fix, 'key');
  }
  if (working_dir !== undefined) {
    hook.working_dir = resolve(ctx.repoRoot, working_dir);
    const problem = await workingDirProblem(ctx.repoRoot, hook.working_dir, working_dir);
    if (problem !== undefined)
      ctx.sources.report(['hooks', name, 'working_dir'], problem.message, problem.fix);
  }
  return hook;
}

/** Why `dir` (written as `written`) cannot be a hook's working directory, or `undefined`. */
async function workingDirProblem(
  repoRoot: string,
  dir: string,
  written: string,
): Promise<{ message: string; fix: string } | undefined> {
  const relative = '(working_dir is relative to the repository root)';
  if (!(await staysInside(repoRoot, dir))) {
    const message = `working_dir "${written}" is outside the repository`;
    return { message, fix: `use a directory inside the repository ${relative}` };
  }
  const kind = await stat(dir).then(
    (info) => (info.isDirectory() ? 'directory' : 'other'),
    () => 'missing',
  );
  if (kind === 'directory') return undefined;
  const what = kind === 'missing' ? 'does not exist' : 'is not a directory';
  return { message: `working_dir "${written}" ${what}`, fix: `create it, or fix the path ${relative}` };
}
