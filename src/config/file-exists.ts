import { stat } from 'node:fs/promises';

/** True when `path` is an existing regular file (following symlinks). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
