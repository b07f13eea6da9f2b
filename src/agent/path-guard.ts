import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { JudgePath } from './judge-paths.js';
import { offLimitsReason } from './off-limits.js';

/**
 * Confines the paths a model supplies to the repository (docs/security.md, "What the model can touch"). A model's path is untrusted input:
 * it may be absolute, climb out with `..`, or go through a symlink that points elsewhere, and it must
 * never reach `.git/` (hooks there run on the next git command), the state directory (the run's own
 * bookkeeping) or `.github/workflows/` (CI code that would run with the repository's secrets).
 */

/** What the guard needs to know about the repository. */
export interface PathGuardContext {
  /** Absolute repository root. */
  repoRoot: string;
  /** Absolute state directory (may not exist yet). */
  stateDir: string;
  /** Globs, relative to the repo root, that may be read but never written. */
  protectedPaths: string[];
  /** The configuration, task file and templates: read, never written (see judge-paths.ts). */
  judgePaths?: JudgePath[];
}

export type PathAccess = 'read' | 'write';

/** The outcome of checking one path: where to do the I/O, or why not. */
export type GuardedPath =
  | {
      ok: true;
      /** Absolute path with every existing symlink resolved: do the I/O here. */
      absolute: string;
      /** The same path relative to the repository root, POSIX separators; `.` for the root itself. */
      relative: string;
    }
  | {
      ok: false;
      /** Why the path is refused and what to do instead, addressed to the model. */
      error: string;
    };

type Resolved = { ok: true; real: string } | { ok: false; error: string };

/** Checks `input` (relative to the repo root) for `access`. Never throws. */
export async function guardPath(
  ctx: PathGuardContext,
  input: string,
  access: PathAccess,
): Promise<GuardedPath> {
  try {
    return await checkPath(ctx, input, access);
  } catch (err) {
    return { ok: false, error: `cannot resolve '${input}': ${(err as Error).message}` };
  }
}

async function checkPath(ctx: PathGuardContext, input: string, access: PathAccess): Promise<GuardedPath> {
  const shapeError = checkShape(input);
  if (shapeError) return { ok: false, error: shapeError };
  const lexical = path.resolve(ctx.repoRoot, input);
  const lexicalRel = toPosix(path.relative(ctx.repoRoot, lexical));
  if (isOutside(lexicalRel)) {
    return {
      ok: false,
      error: `'${input}' is outside the repository; paths are relative to the repository root`,
    };
  }
  const realRoot = await realpath(ctx.repoRoot);
  const resolved = await resolveReal(lexical);
  if (!resolved.ok) return { ok: false, error: `'${input}' ${resolved.error}` };
  const relative = toPosix(path.relative(realRoot, resolved.real));
  if (isOutside(relative)) {
    return { ok: false, error: `'${input}' resolves through a symlink to a place outside the repository` };
  }
  const areaError = await checkForbiddenArea(ctx, input, [lexicalRel, relative], resolved.real);
  if (areaError) return { ok: false, error: areaError };
  if (access === 'write' && isProtected(ctx.protectedPaths, [lexicalRel, relative])) {
    return {
      ok: false,
      error: `'${input}' is protected by protected_paths; the tests judge your work, change the code instead`,
    };
  }
  const judge = access === 'write' ? await judgePathOf(ctx, realRoot, [lexicalRel, relative]) : undefined;
  if (judge) {
    return {
      ok: false,
      error: `'${input}' is ${judge.what} of this run; the agent may not change TaskMaster's configuration, task file or prompt templates, which judge its work`,
    };
  }
  return { ok: true, absolute: resolved.real, relative: relative === '' ? '.' : relative };
}

function checkShape(input: string): string | undefined {
  if (input.includes('\0')) return 'the path contains a NUL character';
  if (path.isAbsolute(input) || path.win32.isAbsolute(input)) {
    return `'${input}' is an absolute path; paths are relative to the repository root (e.g. 'src/app.ts')`;
  }
  return undefined;
}

/**
 * The real path of `target`: the realpath of its nearest existing ancestor plus the parts that do not
 * exist yet. A dangling symlink is refused, because writing through it would create its target wherever
 * that is.
 */
async function resolveReal(target: string): Promise<Resolved> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      return { ok: true, real: path.join(await realpath(current), ...missing.reverse()) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { ok: false, error: 'goes through a symlink loop' };
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      if (await isSymlink(current))
        return { ok: false, error: 'goes through a symlink whose target does not exist' };
    }
    const parent = path.dirname(current);
    if (parent === current) return { ok: true, real: target };
    missing.push(path.basename(current));
    current = parent;
  }
}

async function isSymlink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

async function checkForbiddenArea(
  ctx: PathGuardContext,
  input: string,
  relatives: string[],
  real: string,
): Promise<string | undefined> {
  for (const rel of relatives) {
    const reason = offLimitsReason(rel);
    if (reason) return `'${input}' ${reason}`;
  }
  if (await isInsideStateDir(ctx, real)) {
    return `'${input}' is inside TaskMaster's state directory; the agent may not read or write it`;
  }
  return undefined;
}

async function isInsideStateDir(ctx: PathGuardContext, real: string): Promise<boolean> {
  const state = await resolveReal(path.resolve(ctx.stateDir));
  const stateReal = state.ok ? state.real : path.resolve(ctx.stateDir);
  const rel = path.relative(stateReal, real);
  return !isOutside(toPosix(rel));
}

/**
 * The judge path that `relatives` (lexical and real, relative to the repo root) are at or below. Both
 * sides are compared by real path and in lower case, so neither a symlink nor another spelling on a
 * case-insensitive file system gets around it.
 */
async function judgePathOf(
  ctx: PathGuardContext,
  realRoot: string,
  relatives: string[],
): Promise<JudgePath | undefined> {
  const wanted = relatives.map((r) => r.toLowerCase());
  for (const judge of ctx.judgePaths ?? []) {
    const lexical = path.resolve(judge.path);
    const resolved = await resolveReal(lexical);
    const candidates = [
      toPosix(path.relative(ctx.repoRoot, lexical)),
      toPosix(path.relative(realRoot, resolved.ok ? resolved.real : lexical)),
    ].map((c) => c.toLowerCase());
    const hit = candidates.some((c) => !isOutside(c) && wanted.some((w) => w === c || w.startsWith(`${c}/`)));
    if (hit) return judge;
  }
  return undefined;
}

/**
 * A path is protected when it or any directory above it matches, so that `tests` protects what is in
 * `tests/` as a careful user would expect, and not only `tests/**`.
 */
function isProtected(globs: string[], relatives: string[]): boolean {
  if (globs.length === 0) return false;
  const matches = picomatch(
    globs.map((g) => g.replace(/\/+$/, '')),
    { dot: true },
  );
  return relatives.some((rel) => selfAndAncestors(rel).some((p) => matches(p)));
}

function selfAndAncestors(rel: string): string[] {
  const parts = rel.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** True when a relative path leaves its base (`..`, `../x`) or is on another drive. */
function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
