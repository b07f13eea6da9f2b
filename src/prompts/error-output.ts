import type { HookResult } from '../hooks/types.js';
import { analyzeHook } from './failure-analysis.js';
import { normalizeOutput, type NormalizeOptions } from './output-normalizer.js';

/** How much of each failed hook's output the retry prompt shows. */
export interface ErrorOutputLimits {
  /** Lines kept from the start of each hook's output. */
  headLines: number;
  /** Lines kept from the end, where test runners print what failed. */
  tailLines: number;
  /** Longer lines are cut (minified code, base64) so one line cannot flood the prompt. */
  maxLineLength: number;
  /** Relevant lines from the cut middle shown below the output, at most. */
  maxRelevant: number;
}

export const DEFAULT_ERROR_OUTPUT_LIMITS: Readonly<ErrorOutputLimits> = {
  headLines: 40,
  tailLines: 80,
  maxLineLength: 500,
  maxRelevant: 30,
};

const CUT_MARKER = /^\[\.\.\. (\d+) lines cut \.\.\.\]$/;

/**
 * `{{error_output}}`: for each failed hook its command, exit code and normalised output (head and
 * tail, with the count of lines cut), plus any failing lines the cut removed.
 */
export function formatErrorOutput(
  failed: HookResult[],
  normalize: NormalizeOptions = {},
  limits: ErrorOutputLimits = DEFAULT_ERROR_OUTPUT_LIMITS,
): string {
  return failed.map((hook) => formatHook(hook, normalize, limits)).join('\n\n');
}

function formatHook(hook: HookResult, normalize: NormalizeOptions, limits: ErrorOutputLimits): string {
  const header = [`Hook: ${hook.hook}`, commandText(hook.command), `Exit: ${exitText(hook)}`];
  if (hook.output.trim() === '') return [...header, 'Output: (none captured)'].join('\n');
  const lines = normalizeOutput(hook.output, normalize)
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => cutLine(l, limits.maxLineLength));
  const bounded = boundLines(lines, limits.headLines, limits.tailLines);
  const kept = new Set(bounded.lines);
  const missing = analyzeHook(hook, normalize).relevant.filter(
    (l) => !kept.has(cutLine(l, limits.maxLineLength)),
  );
  const body = [
    ...header,
    `Output (${describeCut(bounded.total, bounded.cut)}):`,
    ...bounded.lines.map(fence),
  ];
  if (missing.length > 0) {
    body.push('', 'Failing lines from the cut part:', ...missing.slice(0, limits.maxRelevant).map(fence));
  }
  return body.join('\n');
}

export function exitText(hook: HookResult): string {
  if (hook.failure?.kind === 'not-started') return `not run: ${hook.failure.message}`;
  if (hook.timedOut) return `timed out after ${Math.round(hook.durationMs / 1000)}s (process tree killed)`;
  if (hook.exitCode === null) return 'killed by a signal';
  return `exit code ${hook.exitCode}`;
}

function describeCut(total: number, cut: number): string {
  return cut > 0 ? `${total} lines, ${cut} cut from the middle` : `${total} lines`;
}

export interface BoundedLines {
  /** The kept lines, with one `[... N lines cut ...]` marker where lines were removed. */
  lines: string[];
  /** Lines the output had in all, counting those an earlier cut already removed. */
  total: number;
  /** Lines removed, counting an earlier `[... N lines cut ...]` marker's N. */
  cut: number;
}

/** Keeps `head` + `tail` lines around one `[... N lines cut ...]` marker that counts every cut. */
export function boundLines(lines: string[], head: number, tail: number): BoundedLines {
  const earlier = lines.reduce((n, l) => n + Number(CUT_MARKER.exec(l)?.[1] ?? 0), 0);
  const markers = lines.filter((l) => CUT_MARKER.test(l)).length;
  const total = lines.length - markers + earlier;
  if (lines.length <= head + tail + 1) return { lines, total, cut: earlier };
  const middle = lines.slice(head, lines.length - tail);
  const middleEarlier = middle.reduce((n, l) => n + Number(CUT_MARKER.exec(l)?.[1] ?? 0), 0);
  const middleMarkers = middle.filter((l) => CUT_MARKER.test(l)).length;
  const cutHere = middle.length - middleMarkers + middleEarlier;
  const cut = earlier - middleEarlier + cutHere;
  const kept = [...lines.slice(0, head), `[... ${cutHere} lines cut ...]`, ...lines.slice(-tail)];
  return { lines: kept, total, cut };
}

function cutLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)} [… ${line.length - max} characters cut]`;
}

/** A line starting with ``` would close the fence the built-in templates put around this text. */
function fence(line: string): string {
  return line.startsWith('```') ? ` ${line}` : line;
}

/** `Command: pytest -v`, or a multi-line command (`command: |`) indented below `Command:`. */
export function commandText(command: string): string {
  const lines = command.trim().split('\n');
  if (lines.length === 1) return `Command: ${lines[0] ?? ''}`;
  return ['Command:', ...lines.map((l) => `  ${l.trimEnd()}`)].join('\n');
}
