import picomatch from 'picomatch';
import { walkFiles } from './file-walker.js';
import type { TargetFile } from './read-tool.js';
import { notRegularFile, specialKind, statIfPresent } from './regular-file.js';
import { fail, ok, type ToolOutput } from './tool-output.js';

/** Paths shown by one call; the rest are counted so the model knows to narrow the listing. */
export const LIST_MAX_FILES = 500;

/** Where the walk happens: real (symlink-free) absolute paths. */
export interface WalkRoots {
  repoRoot: string;
  stateDir: string;
}

/** `list_files`: files under `dir`, optionally filtered by a glob, `.gitignore` honoured. */
export async function listTool(
  roots: WalkRoots,
  dir: TargetFile,
  pattern: string | undefined,
): Promise<ToolOutput> {
  const info = await statIfPresent(dir.absolute).catch(() => undefined);
  if (!info)
    return fail(`'${dir.relative}' does not exist; list_files with no path lists the task's directory`);
  const special = specialKind(info);
  if (special) return fail(notRegularFile(dir.relative, special));
  if (!info.isDirectory()) return ok(dir.relative);
  const matches = makeMatcher(dir.relative, pattern);
  const shown: string[] = [];
  let rest = 0;
  for await (const file of walkFiles({ ...roots, start: dir.absolute })) {
    if (!matches(file)) continue;
    if (shown.length < LIST_MAX_FILES) shown.push(file);
    else rest++;
  }
  if (shown.length === 0) return ok(emptyMessage(dir.relative, pattern));
  if (rest > 0) shown.push(`[... and ${rest} more files; narrow the listing with path or pattern]`);
  return ok(shown.join('\n'));
}

/**
 * The glob is tried against the path relative to the listed directory and to the repository root, so
 * both `*.ts`-style and `src/**`-style patterns mean what the model expects; a pattern without `/`
 * matches file names at any depth.
 */
function makeMatcher(dirRel: string, pattern: string | undefined): (file: string) => boolean {
  if (pattern === undefined || pattern === '') return () => true;
  const isMatch = picomatch(pattern, { dot: true });
  // picomatch's own `basename` option also applies to patterns with a slash, so it is done here.
  if (!pattern.includes('/')) return (file) => isMatch(file.slice(file.lastIndexOf('/') + 1));
  const prefix = dirRel === '.' ? '' : `${dirRel}/`;
  return (file) => isMatch(file) || (file.startsWith(prefix) && isMatch(file.slice(prefix.length)));
}

function emptyMessage(dirRel: string, pattern: string | undefined): string {
  const filter = pattern ? ` matching '${pattern}'` : '';
  return `no files${filter} under '${dirRel}' (files ignored by .gitignore are not listed)`;
}
