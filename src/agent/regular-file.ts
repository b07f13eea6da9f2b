import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { codeOf } from '../state/atomic-write.js';

/**
 * The file tools work on regular files only. Opening a named pipe waits for a writer forever (the
 * attempt, and Ctrl+C with it, would hang), and a device or a socket has no content to show; they are
 * refused by `read_file`, `write_file` and `edit_file` and left out by `list_files` and `search_files`.
 */

/** What a non-regular, non-directory file is, in words; undefined for regular files and directories. */
export function specialKind(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return undefined;
}

/** The refusal for a special file, addressed to the model. */
export function notRegularFile(relative: string, kind: string): string {
  return `'${relative}' is ${kind}, not a regular file; the file tools only read and write regular files`;
}

export type FileRead =
  | { kind: 'read'; bytes: Buffer; size: number }
  | { kind: 'missing' }
  | { kind: 'directory' }
  | { kind: 'special'; what: string }
  | { kind: 'too-large'; size: number };

/** Windows has no O_NONBLOCK (and no named pipes in the file system). */
const NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * Reads a regular file of at most `maxBytes`. A special file is refused before it is opened, and once
 * more on the open descriptor, opened without blocking, in case it was swapped in meanwhile.
 */
export async function readRegularFile(absolute: string, maxBytes: number): Promise<FileRead> {
  const before = await statIfPresent(absolute);
  if (before === undefined) return { kind: 'missing' };
  const early = classify(before, maxBytes);
  if (early) return early;
  let handle;
  try {
    handle = await open(absolute, constants.O_RDONLY | NONBLOCK);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const info = await handle.stat();
    return classify(info, maxBytes) ?? { kind: 'read', bytes: await handle.readFile(), size: info.size };
  } finally {
    await handle.close();
  }
}

function classify(info: Stats, maxBytes: number): FileRead | undefined {
  if (info.isDirectory()) return { kind: 'directory' };
  const special = specialKind(info);
  if (special !== undefined) return { kind: 'special', what: special };
  if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
  return undefined;
}

/** `lstat`, or undefined when nothing is there. */
export async function statIfPresent(absolute: string): Promise<Stats | undefined> {
  try {
    return await lstat(absolute);
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}
