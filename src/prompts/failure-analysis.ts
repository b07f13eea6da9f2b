import type { HookResult } from '../hooks/types.js';
import { ANALYZERS } from './analyzers/index.js';
import { readTail } from './analyzers/fallback.js';
import { reportedFailingTests } from './analyzers/reported-count.js';
import type { Finding, FindingKind, ToolReport } from './analyzers/types.js';
import { hintsFor } from './fix-hints.js';
import { normalizeOutput, type NormalizeOptions } from './output-normalizer.js';

/** What the failing hooks' output says, in the words the retry prompt uses. */
export interface FailureAnalysis {
  /** One line per failed hook, e.g. `test hook failed (exit code 1): 2 failing tests: test_login (…)`. */
  failureReason: string;
  /** A bulleted list: what to fix, where, and advice for the kind of error. */
  fixSuggestions: string;
  /** The output lines that show the failure, one block per failed hook. */
  relevant: string;
}

/** The same, for one hook. */
export interface HookAnalysis {
  /** `<hook> hook failed (exit code N): <what failed>`. */
  reason: string;
  /** Bullets without the leading `- `. */
  suggestions: string[];
  /** Output lines that show the failure (the last lines, when no tool was recognised). */
  relevant: string[];
  /** The recognised tools, in output order; empty when the fallback was used. */
  reports: ToolReport[];
}

const LISTED = 5;
const GENERAL = [
  'Fix the code, not the checks: do not weaken, skip or delete tests, lint rules or type checks to make them pass.',
  'Use run_checks to confirm everything passes before calling finish.',
];

/** Reads every failed hook in `results` (passing ones are ignored). Empty strings when none failed. */
export function analyzeFailure(results: HookResult[], options: NormalizeOptions = {}): FailureAnalysis {
  const failed = results.filter((r) => !r.passed);
  if (failed.length === 0) return { failureReason: '', fixSuggestions: '', relevant: '' };
  const analyses = failed.map((r) => analyzeHook(r, options));
  const suggestions = [...new Set([...analyses.flatMap((a) => a.suggestions), ...GENERAL])];
  return {
    failureReason: analyses.map((a) => a.reason).join('\n'),
    fixSuggestions: suggestions.map((s) => `- ${s}`).join('\n'),
    relevant: analyses
      .map((a, i) =>
        (failed.length > 1 ? [`[${failed[i]?.hook ?? ''}]`, ...a.relevant] : a.relevant).join('\n'),
      )
      .join('\n\n'),
  };
}

export function analyzeHook(result: HookResult, options: NormalizeOptions = {}): HookAnalysis {
  const lines = normalizeOutput(result.output, options).split('\n');
  const reports = ANALYZERS.map((analyze) => analyze(lines))
    .filter((r): r is ToolReport => r !== undefined && r.findings.length > 0)
    .sort((a, b) => a.position - b.position);
  const status = hookStatus(result);
  if (reports.length === 0) return fallback(result, lines, status);
  const findings = reports.flatMap((r) => r.findings);
  // The output's middle may be cut: the tool's own summary says how many tests really failed.
  const failingTests = reportedFailingTests(lines);
  const total = findings.length + unseenTests(findings, failingTests);
  return {
    reason: `${status}: ${reports.map((r) => summarize(r, failingTests)).join('; ')}`,
    suggestions: [
      ...findings.slice(0, LISTED).map(findingSuggestion),
      ...(total > LISTED ? [`…and ${total - LISTED} more of the same kind in the output above.`] : []),
      ...reports.flatMap((r) => r.notes.map((n) => `${r.tool}: ${n}`)),
      ...hintsFor(findings, result.timedOut ? ['timed out'] : []),
    ],
    relevant: reports.flatMap((r) => r.relevant),
    reports,
  };
}

function fallback(result: HookResult, lines: string[], status: string): HookAnalysis {
  const tail = readTail(lines);
  const headline = tail.headline ?? (result.output === '' ? 'no output was captured' : 'no error message');
  const hints = hintsFor([], [...tail.relevant, ...(result.timedOut ? ['timed out'] : [])]);
  return {
    reason: `${status}: ${headline}`,
    suggestions: [`Read the validation error above; the key line is: ${headline}`, ...hints],
    relevant: tail.relevant,
    reports: [],
  };
}

/** `test hook failed (exit code 1)`, `test hook timed out after 300s`, `lint hook failed (exit code 1) (non-blocking)`. */
export function hookStatus(result: HookResult): string {
  const suffix = result.stopOnFailure ? '' : ' (non-blocking)';
  if (result.timedOut)
    return `${result.hook} hook timed out after ${Math.round(result.durationMs / 1000)}s${suffix}`;
  if (result.failure?.kind === 'not-started')
    return `${result.hook} hook could not start: ${result.failure.message}${suffix}`;
  if (result.exitCode === null) return `${result.hook} hook was killed by a signal${suffix}`;
  return `${result.hook} hook failed (exit code ${result.exitCode})${suffix}`;
}

const NOUNS: Record<FindingKind, [string, string]> = {
  test: ['failing test', 'failing tests'],
  suite: ['test file failed to load', 'test files failed to load'],
  type: ['type error', 'type errors'],
  lint: ['lint error', 'lint errors'],
};

/** Failing tests the tool reported beyond those found in the (possibly cut) output. */
function unseenTests(findings: readonly Finding[], reported: number | undefined): number {
  const seen = findings.filter((f) => f.kind === 'test').length;
  return seen > 0 && reported !== undefined ? Math.max(0, reported - seen) : 0;
}

/** `2 failing tests: test_login (AssertionError: …), test_x (…)` per kind of finding. */
function summarize(report: ToolReport, failingTests: number | undefined): string {
  const kinds = [...new Set(report.findings.map((f) => f.kind))];
  return kinds
    .map((kind) => {
      const items = report.findings.filter((f) => f.kind === kind);
      const count = items.length + (kind === 'test' ? unseenTests(items, failingTests) : 0);
      const [one, many] = NOUNS[kind];
      const listed = items.slice(0, LISTED).map(itemText).join(', ');
      const more = count > LISTED ? `, and ${count - LISTED} more` : '';
      return `${count} ${count === 1 ? one : many}: ${listed}${more}`;
    })
    .join('; ');
}

function itemText(f: Finding): string {
  if (f.kind === 'test' || f.kind === 'suite') return `${f.subject} (${f.message})`;
  return `${f.subject} ${f.code ? `${f.code} ` : ''}${f.message}`;
}

function findingSuggestion(f: Finding): string {
  const where = f.location && f.location !== f.subject ? ` (${f.location})` : '';
  if (f.kind === 'test') return `Make \`${f.subject}\`${where} pass: ${f.message}`;
  if (f.kind === 'suite') return `Make ${f.subject}${where} load: ${f.message}`;
  return `Fix ${f.subject}${f.code ? ` [${f.code}]` : ''}: ${f.message}`;
}
