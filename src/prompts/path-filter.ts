import picomatch from 'picomatch';

/**
 * `prompt_context.include_patterns` / `exclude_patterns`. A pattern matches a file when it matches
 * its path (relative to the task path or the repository root), its basename, or — for exclusions —
 * any directory it sits in, so that `*.py`, `README.md`, `__pycache__` and `.git` work as the guide
 * shows them.
 */
export interface PathFilter {
  /** `true` when the file belongs in the prompt context. */
  (repoPath: string): boolean;
}

export function createPathFilter(
  include: readonly string[],
  exclude: readonly string[],
  taskPath: string,
): PathFilter {
  const included = include.length === 0 ? () => true : matcher(include);
  const excluded = exclude.length === 0 ? () => false : matcher(exclude);
  const prefix = taskPath === '.' ? '' : `${taskPath}/`;
  return (repoPath) => {
    const local = repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : repoPath;
    const segments = local.split('/');
    const base = segments[segments.length - 1] ?? local;
    if (!(included(local) || included(repoPath) || included(base))) return false;
    const dirs = segments.slice(0, -1).map((_s, i) => segments.slice(0, i + 1).join('/'));
    const dirNames = segments.slice(0, -1);
    return ![local, repoPath, base, ...dirs, ...dirNames].some((candidate) => excluded(candidate));
  };
}

function matcher(patterns: readonly string[]): (path: string) => boolean {
  const cleaned = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
  return picomatch(cleaned, { dot: true });
}
