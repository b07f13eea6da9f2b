import { findClosestLines } from './closest-lines.js';
import { loadText, splitLines, type TargetFile } from './read-tool.js';
import { statIfPresent } from './regular-file.js';
import { replaceFile } from './replace-file.js';
import { fail, ok, type ToolOutput } from './tool-output.js';

/** Lines of context shown for the closest match; more would crowd the model's context. */
const MAX_SHOWN_LINES = 30;
/** Below this similarity the "closest" lines are noise and not worth showing. */
const MIN_SIMILARITY = 0.3;

export interface EditInput {
  old_text: string;
  new_text: string;
}

/** `edit_file`: replaces the one exact occurrence of `old_text`. */
export async function editTool(file: TargetFile, input: EditInput): Promise<ToolOutput> {
  if (input.old_text === '') {
    return fail('old_text is empty; give the exact text to replace, or use write_file to write a whole file');
  }
  if (input.old_text === input.new_text)
    return fail('old_text and new_text are the same; nothing would change');
  const loaded = await loadText(file);
  if (typeof loaded !== 'object') return fail(loaded);
  const edit = matchLineEndings(loaded.text, input);
  const found = occurrences(loaded.text, edit.old_text);
  const [first] = found;
  if (first === undefined) return fail(notFound(file, loaded.text, input.old_text));
  if (found.length > 1) return fail(tooMany(file, loaded.text, found));
  const updated =
    loaded.text.slice(0, first) + edit.new_text + loaded.text.slice(first + edit.old_text.length);
  await replaceFile(file.absolute, updated, await statIfPresent(file.absolute));
  const startLine = lineAt(loaded.text, first);
  const oldLines = countLines(edit.old_text);
  const newLines = countLines(edit.new_text);
  return ok(
    `edited '${file.relative}': replaced ${plural(oldLines, 'line')} at line ${startLine} with ${plural(newLines, 'line')}`,
  );
}

/**
 * Models write `\n`; a file with Windows line endings would then never match. When the file uses `\r\n`
 * and the text does not, both sides of the edit are converted so the file keeps its convention.
 */
function matchLineEndings(text: string, input: EditInput): EditInput {
  const crlf = text.includes('\r\n') && input.old_text.includes('\n') && !input.old_text.includes('\r\n');
  if (!crlf || text.includes(input.old_text)) return input;
  const toCrlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');
  return { old_text: toCrlf(input.old_text), new_text: toCrlf(input.new_text) };
}

/** Start offsets of every occurrence, overlapping ones included. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function notFound(file: TargetFile, text: string, oldText: string): string {
  const lines = splitLines(text);
  const closest = findClosestLines(lines, splitLines(oldText));
  const head = `old_text was not found in '${file.relative}'.`;
  if (!closest || closest.similarity < MIN_SIMILARITY) {
    return `${head} Nothing in the file resembles it; read_file '${file.relative}' to see its current content.`;
  }
  const percent = Math.floor(closest.similarity * 100);
  const how = percent === 100 ? 'identical except for whitespace' : `${percent}% similar`;
  const shown = numbered(
    lines,
    closest.startLine,
    Math.min(closest.endLine, closest.startLine + MAX_SHOWN_LINES - 1),
  );
  const range =
    closest.startLine === closest.endLine
      ? `line ${closest.startLine}`
      : `lines ${closest.startLine}-${closest.endLine}`;
  return `${head} The closest text is ${range} (${how}):\n${shown}\nCopy the text exactly as it is in the file (without the line numbers) and try again.`;
}

function tooMany(file: TargetFile, text: string, offsets: number[]): string {
  const lines = offsets.slice(0, 20).map((o) => lineAt(text, o));
  const more = offsets.length > 20 ? ', ...' : '';
  return (
    `old_text occurs ${offsets.length} times in '${file.relative}' (at lines ${lines.join(', ')}${more}); ` +
    'include more of the surrounding lines so that it matches exactly once'
  );
}

function numbered(lines: string[], start: number, end: number): string {
  const width = Math.max(4, String(end).length);
  const rows: string[] = [];
  for (let n = start; n <= end; n++) rows.push(`${String(n).padStart(width)}| ${lines[n - 1] ?? ''}`);
  return rows.join('\n');
}

/** 1-based line number of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function countLines(text: string): number {
  return text === '' ? 0 : splitLines(text).length || 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
