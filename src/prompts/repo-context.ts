import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { PromptContextConfig } from '../config/types.js';
import { readFileContents } from './file-contents.js';
import { walkFiles, type WalkOptions } from './file-walker.js';
import { findStateDirs } from '../state/state-dirs.js';
import { runGit, splitNul } from './git-query.js';
import { createPathFilter } from './path-filter.js';

/** What the prompt shows of the repository (§9, `prompt_context`). */
export interface RepoContext {
  /** `git status --porcelain` (state directory left out), `(clean)`, or `not a git repository`. */
  gitStatus: string;
  /** Listed files, one per line, relative to the repository root, with `... and N more` when capped. */
  fileList: string;
  /** The listed text files' contents, each under a `### path` heading in a fence. */
  fileContents: string;
  /** Every file under the task path (ignore rules applied, include/exclude not), for language detection. */
  allFiles: string[];
  /** Names in the repository root, for tech-stack detection. */
  rootNames: string[];
  /** False when git could not answer: files then come from walking the directory. */
  isGitRepo: boolean;
}

export interface RepoContextOptions {
  /** Absolute repository root. */
  repoRoot: string;
  /** Task path relative to the root (`.` for the root). */
  taskPath: string;
  /** Absolute state directory; never listed. */
  stateDir?: string;
  context: PromptContextConfig;
  /** Characters of file contents in all (default 100,000, about 25k tokens). */
  maxTotalContents?: number;
}

const MAX_STATUS_LINES = 100;
/** Enough for language detection in a large monorepo without holding every path of it. */
const WALK_LIMIT = 50_000;
const DEFAULT_MAX_TOTAL = 100_000;

export async function collectRepoContext(options: RepoContextOptions): Promise<RepoContext> {
  const { repoRoot, context } = options;
  const ownState = stateDirTest(repoRoot, options.stateDir);
  const found = await findFiles(options, ownState);
  // Other runs' state directories (TASKMASTER_STATE_DIR=.taskmaster-2) are left out like this run's own.
  const inState = await everyStateDirTest(repoRoot, ownState, found);
  const status = found.status;
  const allFiles = found.allFiles.filter((p) => !inState(p));
  const filter = createPathFilter(context.include_patterns, context.exclude_patterns, options.taskPath);
  const wanted = allFiles.filter(filter);
  const { shown, more } = await firstListable(repoRoot, wanted, Math.max(context.max_files_listed, 0));
  const limits = {
    maxFileSize: context.max_file_size,
    maxTotal: options.maxTotalContents ?? DEFAULT_MAX_TOTAL,
  };
  return {
    gitStatus: context.include_git_status ? formatStatus(status, inState) : '',
    fileList: context.include_file_list ? formatList(shown, more, options.taskPath) : '',
    fileContents: context.include_file_contents ? await readFileContents(repoRoot, shown, limits) : '',
    allFiles,
    rootNames: await rootNames(repoRoot),
    isGitRepo: status !== undefined,
  };
}

/** Git's view when the root is a repository (status and file list asked at once), else a walk. */
async function findFiles(options: RepoContextOptions, inState: (p: string) => boolean) {
  const [status, listed] = await Promise.all([
    runGit(options.repoRoot, ['status', '--porcelain']),
    runGit(options.repoRoot, ['ls-files', '-z', '-c', '-o', '--exclude-standard', '--', options.taskPath]),
  ]);
  const found =
    status !== undefined && listed !== undefined
      ? gitFiles(listed)
      : await walkFiles(walkOptions(options, inState));
  return { status: listed === undefined ? undefined : status, allFiles: found.filter((p) => !inState(p)) };
}

function walkOptions(options: RepoContextOptions, inState: (p: string) => boolean): WalkOptions {
  return { root: options.repoRoot, start: options.taskPath, skip: inState, limit: WALK_LIMIT };
}

/**
 * Tracked and untracked-but-not-ignored files. Tracked files deleted from the working tree are still
 * in this list; `firstListable` drops them from what is shown.
 */
function gitFiles(listed: string): string[] {
  return [...new Set(splitNul(listed))].sort();
}

/**
 * The first `max` paths that exist and are not directories (submodules show up in `ls-files` as
 * paths that are directories), and how many paths were passed over. Checked lazily, so a large
 * repository costs `max` stat calls, not one per file.
 */
async function firstListable(repoRoot: string, paths: string[], max: number) {
  const shown: string[] = [];
  let skipped = 0;
  for (const path of paths) {
    if (shown.length >= max) break;
    const info = await lstat(join(repoRoot, path)).catch(() => undefined);
    if (info && !info.isDirectory()) shown.push(path);
    else skipped++;
  }
  return { shown, more: paths.length - shown.length - skipped };
}

function formatStatus(status: string | undefined, inState: (p: string) => boolean): string {
  if (status === undefined) return 'not a git repository';
  const lines = status
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => !inState(statusPath(l)));
  if (lines.length === 0) return '(clean: no uncommitted changes)';
  const shown = lines.slice(0, MAX_STATUS_LINES);
  const more = lines.length - shown.length;
  return [...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n');
}

/** `XY path` or `XY old -> new`; the state dir shows up as `?? .taskmaster/…` when not ignored. */
function statusPath(line: string): string {
  const path = line.slice(3);
  const arrow = path.indexOf(' -> ');
  return (arrow >= 0 ? path.slice(arrow + 4) : path).replace(/^"|"$/g, '').replace(/\/$/, '');
}

function formatList(shown: string[], more: number, taskPath: string): string {
  if (shown.length === 0 && more === 0)
    return taskPath === '.' ? '(no files yet)' : `(no files yet under ${taskPath})`;
  return [...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n');
}

/** `ownState`, widened to every state directory among the listed files and the status lines. */
async function everyStateDirTest(
  repoRoot: string,
  ownState: (path: string) => boolean,
  found: { status: string | undefined; allFiles: string[] },
): Promise<(path: string) => boolean> {
  const statusPaths = (found.status ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(3).replace(/^"|"$/g, ''));
  const others = await findStateDirs(repoRoot, [...statusPaths, ...found.allFiles]);
  if (others.length === 0) return ownState;
  return (path) => ownState(path) || others.some((d) => path === d || path.startsWith(`${d}/`));
}

/** Whether a repository-relative path is in the state directory (never listed, never in status). */
function stateDirTest(repoRoot: string, stateDir: string | undefined): (path: string) => boolean {
  const rel = stateDir === undefined ? '' : relative(repoRoot, stateDir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return () => false;
  const posix = rel.split(sep).join('/');
  return (path) => path === posix || path.startsWith(`${posix}/`);
}

async function rootNames(repoRoot: string): Promise<string[]> {
  try {
    return (await readdir(repoRoot)).sort();
  } catch {
    return [];
  }
}
