import { looksBinary } from './file-walker.js';
import { notRegularFile, readRegularFile } from './regular-file.js';
import { fail, ok, type ToolOutput } from './tool-output.js';

/** Caps that keep one read within a model's context: a note tells the model how to read on. */
export const READ_MAX_LINES = 2000;
export const READ_MAX_BYTES = 256 * 1024;
/** Longer lines (minified code, data) are cut so that one line cannot fill the whole result. */
const MAX_LINE_CHARS = 2000;
/** Files above this are refused outright rather than loaded into memory. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file that passed the path guard. */
export interface TargetFile {
  absolute: string;
  relative: string;
}

export interface LineRange {
  start_line?: number | undefined;
  end_line?: number | undefined;
}

/** `read_file`: the file's lines, numbered, within the range and the caps. */
export async function readTool(file: TargetFile, range: LineRange): Promise<ToolOutput> {
  const loaded = await loadText(file);
  if (typeof loaded !== 'object') return fail(loaded);
  const lines = splitLines(loaded.text);
  if (lines.length === 0) return ok(`'${file.relative}' is empty (0 lines)`);
  const start = range.start_line ?? 1;
  const end = Math.min(range.end_line ?? lines.length, lines.length);
  if (start > lines.length) {
    return fail(`start_line ${start} is past the end of '${file.relative}', which has ${lines.length} lines`);
  }
  if (end < start) return fail(`end_line ${end} is before start_line ${start}`);
  return ok(renderLines(lines, start, end));
}

/** The file's text, or a message saying why it cannot be read as text. */
export async function loadText(file: TargetFile): Promise<{ text: string } | string> {
  const read = await readRegularFile(file.absolute, MAX_FILE_BYTES);
  switch (read.kind) {
    case 'missing':
      return `'${file.relative}' does not exist; use list_files to see which files there are`;
    case 'directory':
      return `'${file.relative}' is a directory; use list_files to see what is in it`;
    case 'special':
      return notRegularFile(file.relative, read.what);
    case 'too-large':
      return `'${file.relative}' is too large to read (${read.size} bytes); use search_files`;
    case 'read':
      if (looksBinary(read.bytes))
        return `'${file.relative}' is a binary file (${read.size} bytes); only text files can be read`;
      return { text: read.bytes.toString('utf8') };
  }
}

/** Lines without their terminators (`\r\n` too); a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function renderLines(lines: string[], start: number, end: number): string {
  const width = Math.max(4, String(end).length);
  const out: string[] = [];
  let bytes = 0;
  let last = start - 1;
  for (let n = start; n <= end && out.length < READ_MAX_LINES; n++) {
    const row = `${String(n).padStart(width)}| ${cutLine(lines[n - 1] ?? '')}`;
    bytes += Buffer.byteLength(row) + 1;
    if (bytes > READ_MAX_BYTES && out.length > 0) break;
    out.push(row);
    last = n;
  }
  if (last < end) {
    out.push(`[lines ${start}-${last} of ${lines.length} shown; read on with start_line: ${last + 1}]`);
  } else if (start > 1 || end < lines.length) {
    out.push(`[lines ${start}-${end} of ${lines.length}]`);
  }
  return out.join('\n');
}

function cutLine(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  return `${line.slice(0, MAX_LINE_CHARS)} [... line cut: ${line.length} characters]`;
}
