import type { ResolveContext } from './context.js';
import { suggestion } from './did-you-mean.js';
import type { KeyPath } from './key-path.js';

/** Reports `name` at `path` when it is not one of `known` hooks; true when it is known. */
export function checkHookName(ctx: ResolveContext, path: KeyPath, name: string, known: string[]): boolean {
  if (known.includes(name)) return true;
  const fix = suggestion(name, known, `define it first under hooks: (${name}: {command: ...})`);
  ctx.sources.report(path, `unknown hook "${name}"`, fix);
  return false;
}

/** Checks every name of a `pre_hooks` / `post_hooks` list at `path`. */
export function checkHookList(
  ctx: ResolveContext,
  path: KeyPath,
  names: string[] | undefined,
  known: string[],
) {
  names?.forEach((name, i) => checkHookName(ctx, [...path, i], name, known));
}

/** Reports `name` at `path` when it is not a key of `provider_configs`; true when it is. */
export function checkProviderName(
  ctx: ResolveContext,
  path: KeyPath,
  name: string,
  known: string[],
): boolean {
  if (known.includes(name)) return true;
  const fix = suggestion(name, known, 'add it under provider_configs:');
  ctx.sources.report(path, `unknown provider "${name}"`, fix);
  return false;
}
