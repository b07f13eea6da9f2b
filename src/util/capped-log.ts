/**
 * Log files that cannot grow without bound. A hook printing without end once made a `post.log` of
 * 300 MB, which the Action then uploaded. Each log keeps its head (what ran) and its tail (how it ended)
 * within `maxBytes`, with one line in between saying how much was left out (see docs/state-and-resume.md).
 *
 * The file on disk is the only state, so several writers (the hook log, the task's own lines, a resumed
 * run in a new process) may append to the same file in turn. Appends go straight to the file until it
 * would pass `maxBytes`; then the file is rewritten as head + marker + the most recent output, leaving
 * room for a quarter of the cap before the next rewrite, so each byte is rewritten a bounded number of
 * times.
 */
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export interface LogCap {
  /** Most bytes a log file holds. */
  maxBytes: number;
}

/** A few MB: enough for any useful test run, small enough to upload and open in a browser. */
export const DEFAULT_LOG_CAP: Readonly<LogCap> = { maxBytes: 4 * 1024 * 1024 };

const MARKER = /\n\[\.\.\. (\d+) bytes left out of this log \(it is capped at \d+ bytes\) \.\.\.\]\n/;
/** How far past the head the marker may sit (the head ends at a line break, the marker is one line). */
const MARKER_SEARCH_BYTES = 256;

/** Appends `text` to `file`, keeping the file within `cap`. Throws the file system's errors. */
export function appendCapped(file: string, text: string, cap: LogCap = DEFAULT_LOG_CAP): void {
  const bytes = Buffer.byteLength(text);
  if (sizeOf(file) + bytes <= cap.maxBytes) {
    appendFileSync(file, text);
    return;
  }
  writeFileSync(file, compact(Buffer.concat([readOrEmpty(file), Buffer.from(text)]), cap));
}

/**
 * `content` cut to a quarter of the cap from the start and half of it from the end, at line breaks
 * when there are any, with the count of bytes left out (added to any earlier count).
 */
export function compact(content: Buffer, cap: LogCap): Buffer {
  const headBytes = Math.floor(cap.maxBytes / 4);
  const tailBytes = Math.floor(cap.maxBytes / 2);
  const earlier = earlierCut(content, headBytes);
  // An earlier rewrite already chose the head; it stays exactly as it was.
  const head = content.subarray(0, earlier ? earlier.start : lineEnd(content, headBytes));
  const rest = content.subarray(earlier ? earlier.end : head.length);
  const tail = rest.subarray(lineStart(rest, rest.length - tailBytes));
  const leftOut = (earlier?.bytes ?? 0) + rest.length - tail.length;
  const marker = `\n[... ${leftOut} bytes left out of this log (it is capped at ${cap.maxBytes} bytes) ...]\n`;
  return Buffer.concat([head, Buffer.from(marker), tail]);
}

/** The marker a previous rewrite left right after the head: how much it counted, and where it ends. */
function earlierCut(
  content: Buffer,
  headBytes: number,
): { bytes: number; start: number; end: number } | undefined {
  // latin1 maps each byte to one character, so string positions are byte positions.
  const window = content.subarray(0, headBytes + MARKER_SEARCH_BYTES).toString('latin1');
  const match = MARKER.exec(window);
  if (!match) return undefined;
  return { bytes: Number(match[1]), start: match.index, end: match.index + match[0].length };
}

/** The end of the last whole line within `limit` bytes (or `limit` itself when there is no line break). */
function lineEnd(content: Buffer, limit: number): number {
  if (content.length <= limit) return content.length;
  const newline = content.lastIndexOf(0x0a, limit - 1);
  return newline > 0 ? newline : limit;
}

/** The start of the first whole line at or after `from` (or `from` itself when there is none). */
function lineStart(content: Buffer, from: number): number {
  if (from <= 0) return 0;
  const newline = content.indexOf(0x0a, from - 1);
  return newline >= 0 && newline < content.length - 1 ? newline + 1 : from;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}
