/**
 * The parts of a repository the agent may neither read nor write, by repo-relative path: `.git/` (hooks
 * there run on the next git command) and `.github/workflows/` (CI code that runs with the repository's
 * secrets). The path guard refuses them and the file walker leaves them out, so `list_files` and
 * `search_files` never show what `read_file` refuses. The state directory is the third such area; it is
 * found by its real path, not by name.
 */

/** The refusal for a repo-relative POSIX path, addressed to the model; undefined when the path is allowed. */
export function offLimitsReason(rel: string): string | undefined {
  // Lower case: on case-insensitive file systems `.GIT/config` is `.git/config`.
  const lower = rel.toLowerCase();
  // Any `.git` segment: a nested repository's hooks are just as dangerous as the root's.
  if (lower.split('/').includes('.git')) {
    return "is inside .git/; the agent may not read or write git's internal files";
  }
  if (lower === '.github/workflows' || lower.startsWith('.github/workflows/')) {
    return "is inside .github/workflows/; the agent may not read or write CI workflows (they run with the repository's secrets)";
  }
  return undefined;
}
