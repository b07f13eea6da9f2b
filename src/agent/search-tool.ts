import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { looksBinary, walkFiles } from './file-walker.js';
import { LineMatcher, SearchTimeout } from './line-matcher.js';
import type { WalkRoots } from './list-tool.js';
import type { TargetFile } from './read-tool.js';
import { notRegularFile, readRegularFile, specialKind, statIfPresent } from './regular-file.js';
import { fail, messageOf, ok, type ToolOutput } from './tool-output.js';

/** Matches shown by one call; more means the pattern is too broad to be useful anyway. */
export const SEARCH_MAX_MATCHES = 200;
/**
 * How long one search may take. Enough to search a large repository; a pattern that backtracks
 * exponentially gets an error result instead of hanging the attempt (see line-matcher.ts).
 */
export const SEARCH_DEADLINE_MS = 5_000;
/** Matching lines are cut to this length (minified files would otherwise flood the result). */
const MAX_LINE_CHARS = 300;
/** Larger files are generated or data; searching them costs time and helps little. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** `search_files`: lines matching a JavaScript regular expression, as `path:line: text`. */
export async function searchTool(
  roots: WalkRoots,
  target: TargetFile,
  pattern: string,
  deadlineMs = SEARCH_DEADLINE_MS,
): Promise<ToolOutput> {
  if (pattern === '') return fail('pattern is empty; give a regular expression to search for');
  try {
    new RegExp(pattern);
  } catch (err) {
    return fail(`invalid regular expression '${pattern}': ${messageOf(err)}`);
  }
  const info = await statIfPresent(target.absolute).catch(() => undefined);
  if (!info) return fail(`'${target.relative}' does not exist; use list_files to see which files there are`);
  const special = specialKind(info);
  if (special) return fail(notRegularFile(target.relative, special));
  const files = info.isDirectory()
    ? walkFiles({ ...roots, start: target.absolute })
    : single(target.relative);
  const matcher = new LineMatcher({ pattern, maxChars: MAX_LINE_CHARS, deadlineMs });
  try {
    return ok(await collect(roots, files, matcher, pattern, target.relative));
  } catch (err) {
    if (!(err instanceof SearchTimeout)) throw err;
    return fail(
      `search_files stopped: ${err.message}. A pattern with nested repetition such as (a+)+ can take ` +
        'forever on a long line; simplify the pattern, or search a smaller path',
    );
  } finally {
    await matcher.close();
  }
}

async function collect(
  roots: WalkRoots,
  files: AsyncIterable<string>,
  matcher: LineMatcher,
  pattern: string,
  where: string,
): Promise<string> {
  const hits: string[] = [];
  let searched = 0;
  for await (const file of files) {
    const text = await readText(path.join(roots.repoRoot, file));
    if (text === undefined) continue;
    searched++;
    const found = await matcher.match(text, SEARCH_MAX_MATCHES + 1 - hits.length);
    for (const hit of found) {
      if (hits.length === SEARCH_MAX_MATCHES) {
        return `${hits.join('\n')}\n[stopped after ${SEARCH_MAX_MATCHES} matches; narrow the pattern or the path]`;
      }
      hits.push(`${file}:${hit.line}: ${hit.text}`);
    }
  }
  if (hits.length === 0) return `no matches for /${pattern}/ in '${where}' (${searched} files searched)`;
  return hits.join('\n');
}

/**
 * Symlinks are skipped: the path guard vetted the search root, not where links below it point. So are
 * special files (see regular-file.ts), binary files and large files.
 */
async function readText(abs: string): Promise<string | undefined> {
  try {
    if ((await lstat(abs)).isSymbolicLink()) return undefined;
    const read = await readRegularFile(abs, MAX_FILE_BYTES);
    if (read.kind !== 'read' || looksBinary(read.bytes)) return undefined;
    return read.bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

async function* single(file: string): AsyncGenerator<string> {
  yield file;
}
