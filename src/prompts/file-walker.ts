import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Lists files outside a git repository, honouring every `.gitignore` from the root down (the `ignore`
 * package implements git's matching rules). Symlinked directories are not followed, so a link loop
 * cannot hang a run; `node_modules` is skipped because, without git, nothing else would skip it.
 */
export interface WalkOptions {
  /** Absolute directory the `.gitignore` rules are anchored at (the repository root). */
  root: string;
  /** Directory to list, relative to `root` (`.` for the root itself). */
  start: string;
  /** Relative directory paths never entered (the state directory, `.git`). */
  skip: (relDir: string) => boolean;
  /** Stop after this many files. */
  limit: number;
}

interface Rules {
  /** Directory of the `.gitignore`, relative to the root (`''` for the root). */
  base: string;
  rules: Ignore;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** Paths relative to `root`, POSIX separators, sorted. */
export async function walkFiles(options: WalkOptions): Promise<string[]> {
  const files: string[] = [];
  const stack = await rulesAbove(options.root, options.start);
  await walk(options, options.start === '.' ? '' : options.start, stack, files);
  return files.sort();
}

async function walk(options: WalkOptions, relDir: string, stack: Rules[], files: string[]): Promise<void> {
  const entries = await readEntries(join(options.root, relDir));
  const rules = await loadRules(options.root, relDir);
  const active = rules ? [...stack, rules] : stack;
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (files.length >= options.limit) return;
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    const isDir = entry.isDirectory();
    if (isDir && (ALWAYS_SKIPPED.has(entry.name) || options.skip(rel))) continue;
    if (isIgnored(active, rel, isDir)) continue;
    if (isDir) await walk(options, rel, active, files);
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(rel);
  }
}

/** The deepest `.gitignore` with a rule for the path decides, as in git (`!keep.log` below `*.log`). */
function isIgnored(stack: Rules[], rel: string, isDir: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const { base, rules } = stack[i] ?? { base: '', rules: ignore() };
    const local = base ? rel.slice(base.length + 1) : rel;
    if (local === '') continue;
    const result = rules.test(isDir ? `${local}/` : local);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** `.gitignore` files in the directories between the root and the start directory also apply. */
async function rulesAbove(root: string, start: string): Promise<Rules[]> {
  if (start === '.' || start === '') return [];
  const parts = start.split('/');
  const stack: Rules[] = [];
  for (let i = 0; i < parts.length; i++) {
    const rules = await loadRules(root, parts.slice(0, i).join('/'));
    if (rules) stack.push(rules);
  }
  return stack;
}

async function loadRules(root: string, relDir: string): Promise<Rules | undefined> {
  try {
    const text = await readFile(join(root, relDir, '.gitignore'), 'utf8');
    return { base: relDir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

async function readEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
