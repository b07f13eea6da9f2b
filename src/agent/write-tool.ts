import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { splitLines, type TargetFile } from './read-tool.js';
import { notRegularFile, specialKind, statIfPresent } from './regular-file.js';
import { replaceFile } from './replace-file.js';
import { fail, messageOf, ok, type ToolOutput } from './tool-output.js';

/** `write_file`: creates or overwrites the file, creating parent directories. */
export async function writeTool(file: TargetFile, content: string): Promise<ToolOutput> {
  const existing = await statIfPresent(file.absolute).catch(() => undefined);
  if (existing?.isDirectory()) return fail(`'${file.relative}' is a directory; give the path of a file`);
  const special = existing && specialKind(existing);
  if (special) return fail(notRegularFile(file.relative, special));
  try {
    await mkdir(path.dirname(file.absolute), { recursive: true });
    await replaceFile(file.absolute, content, existing);
  } catch (err) {
    return fail(`could not write '${file.relative}': ${messageOf(err)}`);
  }
  const lines = splitLines(content).length;
  const verb = existing ? 'overwrote' : 'created';
  return ok(
    `${verb} '${file.relative}' (${lines} line${lines === 1 ? '' : 's'}, ${Buffer.byteLength(content)} bytes)`,
  );
}
