import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { offLimitsReason } from './off-limits.js';

/**
 * Walks the files under a directory the way `git ls-files --others --cached` would see them: `.gitignore`
 * files at every level (deeper ones override shallower ones, `!` negations included) and
 * `.git/info/exclude` apply. What `read_file` refuses is left out: `.git`, `.github/workflows` and the
 * state directory are never entered (see off-limits.ts). Named pipes, sockets and devices are left out
 * too: opening one can block forever. Symlinked directories are listed but not followed, so a walk
 * cannot leave the repository or loop.
 */

export interface WalkOptions {
  /** Real (symlink-free) absolute repository root. */
  repoRoot: string;
  /** Real absolute directory to walk; inside `repoRoot`. */
  start: string;
  /** Real absolute state directory: skipped. */
  stateDir: string;
}

/** The `.gitignore` rules of one directory. */
interface IgnoreLevel {
  /** Directory the rules belong to, relative to the repo root (POSIX, '' for the root). */
  base: string;
  rules: Ignore;
}

/** Yields every file under `opts.start` that git would not ignore, as repo-relative POSIX paths, sorted per directory. */
export async function* walkFiles(opts: WalkOptions): AsyncGenerator<string> {
  const startRel = relPosix(opts.repoRoot, opts.start);
  const levels = await ancestorLevels(opts.repoRoot, startRel);
  yield* walkDir(opts, startRel, levels);
}

async function* walkDir(opts: WalkOptions, dirRel: string, levels: IgnoreLevel[]): AsyncGenerator<string> {
  const abs = path.join(opts.repoRoot, dirRel);
  const own = await loadLevel(abs, dirRel, '.gitignore');
  const here = own ? [...levels, own] : levels;
  for (const entry of await readEntries(abs)) {
    const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
    if (offLimitsReason(rel) !== undefined || !isFileOrDir(entry)) continue;
    const isDir = entry.isDirectory();
    if (isIgnored(here, rel, isDir)) continue;
    if (!isDir) {
      yield rel;
    } else if (path.join(opts.repoRoot, rel) !== opts.stateDir) {
      yield* walkDir(opts, rel, here);
    }
  }
}

/** Regular files, directories and symlinks; not FIFOs, sockets or devices. */
function isFileOrDir(entry: Dirent): boolean {
  return entry.isFile() || entry.isDirectory() || entry.isSymbolicLink();
}

/** The rules that apply to `startRel` from the directories above it (and `.git/info/exclude`). */
async function ancestorLevels(repoRoot: string, startRel: string): Promise<IgnoreLevel[]> {
  const levels: IgnoreLevel[] = [];
  const exclude = await loadLevel(path.join(repoRoot, '.git', 'info'), '', 'exclude');
  if (exclude) levels.push(exclude);
  const parts = startRel === '' ? [] : startRel.split('/');
  // The start directory's own .gitignore is read by walkDir, so stop one level short of it.
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    const level = await loadLevel(path.join(repoRoot, base), base, '.gitignore');
    if (level) levels.push(level);
  }
  return levels;
}

async function loadLevel(dirAbs: string, base: string, file: string): Promise<IgnoreLevel | undefined> {
  try {
    const text = await readFile(path.join(dirAbs, file), 'utf8');
    return { base, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

/** Later (deeper) levels decide over earlier ones, as in git. */
function isIgnored(levels: IgnoreLevel[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const sub = level.base === '' ? rel : rel.slice(level.base.length + 1);
    const result = level.rules.test(isDir ? `${sub}/` : sub);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function readEntries(dirAbs: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(dirAbs, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function relPosix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Git's own test for binary content: a NUL byte in the first 8,000 bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
