/**
 * Hook output is normalised before it goes into a prompt so that two runs of the same failure produce
 * the same text: the model then sees "nothing changed" when nothing changed, and prompts stay cacheable.
 * Stripped: colour codes, durations, clock times and timestamps, memory addresses, temp directories and
 * the repository root.
 */
import { tmpdir } from 'node:os';

export interface NormalizeOptions {
  /** Absolute repository root; shown as `.` (its paths as `./src/...`). */
  repoRoot?: string;
  /** Temp roots whose first path segment varies per run; default: the OS temp dir, `/tmp`, `/var/tmp`. */
  tmpRoots?: string[];
}

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const CLOCK_TIME = /(?<![\w:.])\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:\s?[AP]M)?(?![\w:])/g;
const UNIT = '(?:ms|s|sec|secs|seconds|milliseconds|µs|us|ns)';
const PAREN_DURATION = new RegExp(`\\s*\\(~?\\d+(?:\\.\\d+)?\\s?${UNIT}\\)`, 'g');
const DURATION = new RegExp(`~?\\b\\d+(?:\\.\\d+)?\\s?${UNIT}\\b`, 'g');
const KEYED_DURATION = /\b(duration_ms|duration|elapsed|time)(:?\s+)\d+(?:\.\d+)?\b/gi;
// vitest prints a per-phase breakdown in varying order after the total.
const VITEST_DURATION = /^(\s*Duration\s+)(.*)$/gm;
const HEX_ADDRESS = /\b0x[0-9a-fA-F]{6,}\b/g;
const MAC_TMP = /(?<![\w.-])(?:\/private)?\/var\/folders\/[^/\s]+\/[^/\s]+\/T\/[^/\s'"():]+/g;

/** Returns `text` with run-specific noise removed; see the module comment for what is removed. */
export function normalizeOutput(text: string, options: NormalizeOptions = {}): string {
  let out = stripAnsi(text);
  out = collapseCarriageReturns(out);
  if (options.repoRoot) out = replaceRoot(out, options.repoRoot);
  out = replaceTempPaths(out, options.tmpRoots ?? defaultTmpRoots());
  out = out.replace(ISO_TIMESTAMP, '<timestamp>').replace(CLOCK_TIME, '<time>');
  out = out.replace(VITEST_DURATION, '$1<time>');
  out = out.replace(PAREN_DURATION, '').replace(DURATION, '<time>').replace(KEYED_DURATION, '$1$2<time>');
  out = out.replace(HEX_ADDRESS, '0x<addr>');
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Progress bars redraw a line with `\r`; only what was drawn last is what a person saw. */
function collapseCarriageReturns(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((p) => p.length > 0);
      return parts[parts.length - 1] ?? '';
    })
    .join('\n');
}

function replaceRoot(text: string, root: string): string {
  const trimmed = root.replace(/\/+$/, '');
  if (trimmed.length < 2) return text;
  const re = new RegExp(`(?<![\\w.-])${escapeRegExp(trimmed)}(?=/|\\b|$)(/)?`, 'g');
  return text.replace(re, (_m, slash: string | undefined) => (slash ? './' : '.'));
}

function replaceTempPaths(text: string, roots: string[]): string {
  const unique = [...new Set(roots.map((r) => r.replace(/\/+$/, '')).filter((r) => r.length > 1))];
  unique.sort((a, b) => b.length - a.length);
  let out = text.replace(MAC_TMP, '<tmp>');
  for (const root of unique) {
    // pytest's tmp_path lives two numbered levels down; keep both out of the text.
    const re = new RegExp(
      `(?<![\\w.-])${escapeRegExp(root)}/(?:pytest-of-[^/\\s]+/pytest-\\d+|[^/\\s'"():]+)`,
      'g',
    );
    out = out.replace(re, '<tmp>');
  }
  return out;
}

function defaultTmpRoots(): string[] {
  return [tmpdir(), '/tmp', '/var/tmp', '/private/tmp'];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
