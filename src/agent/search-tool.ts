import { lstat, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { looksBinary, walkFiles } from './file-walker.js';
import type { WalkRoots } from './list-tool.js';
import type { TargetFile } from './read-tool.js';
import { fail, messageOf, ok, type ToolOutput } from './tool-output.js';

/** Matches shown by one call; more means the pattern is too broad to be useful anyway. */
export const SEARCH_MAX_MATCHES = 200;
/** Matching lines are cut to this length (minified files would otherwise flood the result). */
const MAX_LINE_CHARS = 300;
/** Larger files are generated or data; searching them costs time and helps little. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** `search_files`: lines matching a JavaScript regular expression, as `path:line: text`. */
export async function searchTool(roots: WalkRoots, target: TargetFile, pattern: string): Promise<ToolOutput> {
  if (pattern === '') return fail('pattern is empty; give a regular expression to search for');
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (err) {
    return fail(`invalid regular expression '${pattern}': ${messageOf(err)}`);
  }
  const info = await stat(target.absolute).catch(() => undefined);
  if (!info) return fail(`'${target.relative}' does not exist; use list_files to see which files there are`);
  const files = info.isDirectory()
    ? walkFiles({ ...roots, start: target.absolute })
    : single(target.relative);
  return ok(await collect(roots, files, regex, target.relative));
}

async function collect(
  roots: WalkRoots,
  files: AsyncIterable<string>,
  regex: RegExp,
  where: string,
): Promise<string> {
  const hits: string[] = [];
  let searched = 0;
  for await (const file of files) {
    const text = await readText(path.join(roots.repoRoot, file));
    if (text === undefined) continue;
    searched++;
    if (searchText(file, text, regex, hits)) {
      return `${hits.join('\n')}\n[stopped after ${SEARCH_MAX_MATCHES} matches; narrow the pattern or the path]`;
    }
  }
  if (hits.length === 0) return `no matches for /${regex.source}/ in '${where}' (${searched} files searched)`;
  return hits.join('\n');
}

/** Appends the file's matching lines to `hits`; true when the cap was reached. */
function searchText(file: string, text: string, regex: RegExp, hits: string[]): boolean {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (!regex.test(line)) continue;
    if (hits.length === SEARCH_MAX_MATCHES) return true;
    hits.push(`${file}:${i + 1}: ${cut(line.trim())}`);
  }
  return false;
}

/** Symlinks are skipped: the path guard vetted the search root, not where links below it point. */
async function readText(abs: string): Promise<string | undefined> {
  try {
    const info = await lstat(abs);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    const bytes = await readFile(abs);
    return looksBinary(bytes) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

async function* single(file: string): AsyncGenerator<string> {
  yield file;
}

function cut(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)} [...]`;
}
