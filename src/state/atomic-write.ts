/**
 * Replacing a file so that a crash at any instant leaves either the old or the new content, never a
 * mix: write a temporary file beside it, fsync it, rename it over the target, fsync the directory
 * (the rename itself is only durable once the directory entry is on disk).
 */
import { copyFile, link, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The files one atomic replacement touches. All must be in the same directory (rename is atomic only there). */
export interface AtomicTarget {
  /** The file to replace. */
  file: string;
  /** Temporary file written first, unique to this process. */
  tmp: string;
  /** Where the previous content is kept, or absent to keep none. */
  backup?: string;
}

export async function writeFileAtomic(target: AtomicTarget, content: string): Promise<void> {
  try {
    await writeDurably(target.tmp, content);
    if (target.backup !== undefined) await keepPrevious(target.file, target.backup, `${target.tmp}.bak`);
    await rename(target.tmp, target.file);
  } catch (error) {
    await removeIfPresent(target.tmp);
    throw error;
  }
  await syncDirectory(dirname(target.file));
}

async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, 'w', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes `backup` hold what `file` holds now. A hard link costs nothing and stays correct because the
 * file is only ever replaced, never rewritten in place. The link goes to a temporary name first and is
 * renamed over the backup, so a crash never leaves the backup missing while an old one existed.
 */
async function keepPrevious(file: string, backup: string, staging: string): Promise<void> {
  await removeIfPresent(staging);
  try {
    await link(file, staging);
  } catch (error) {
    // No current file: a backup left from an older, removed state would be misleading.
    if (codeOf(error) === 'ENOENT') return removeIfPresent(backup);
    if (!LINK_UNSUPPORTED.has(codeOf(error) ?? '')) throw error;
    await copyFile(file, staging);
  }
  await rename(staging, backup);
}

/** Errors of filesystems that cannot hard-link (some network and FUSE mounts). */
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

/** Directories cannot be opened for fsync on every platform (Windows); there it is skipped. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EPERM', 'EISDIR', 'EINVAL', 'EBADF', 'EACCES'].includes(codeOf(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

export async function removeIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/** The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), if it has one. */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
