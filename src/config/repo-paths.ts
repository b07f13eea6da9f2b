import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** `path` relative to `root` with POSIX separators, `.` for the root itself. */
export function relativePosix(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === '' ? '.' : rel.split('\\').join('/');
}

/**
 * True when `path` stays inside `root`, also after following symlinks when the path exists (a link
 * inside the repository may point outside it).
 */
export async function staysInside(root: string, path: string): Promise<boolean> {
  const inside = (p: string) => {
    const rel = relative(root, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  if (!inside(resolve(path))) return false;
  try {
    return inside(await realpath(path));
  } catch {
    return true; // a path that does not exist yet cannot lead anywhere else
  }
}
