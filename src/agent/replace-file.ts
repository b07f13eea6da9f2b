import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { access, open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Writes a file by writing a new one beside it and renaming it over the old. Writing in place would go
 * through a hard link to wherever else that inode is linked, possibly outside the repository; the rename
 * gives the repository's path a file of its own and leaves any other link unchanged. The old file's
 * permissions are kept (a script stays executable), and a read-only file stays refused as it would be
 * by a plain write.
 */
export async function replaceFile(
  absolute: string,
  content: string,
  existing: Stats | undefined,
): Promise<void> {
  if (existing) await access(absolute, constants.W_OK);
  const tmp = path.join(path.dirname(absolute), `.taskmaster-write-${randomBytes(6).toString('hex')}.tmp`);
  const mode = existing ? existing.mode & 0o7777 : 0o666;
  const handle = await open(tmp, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      // `open` applies the umask; an existing file's mode is restored exactly.
      if (existing) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await rename(tmp, absolute);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
