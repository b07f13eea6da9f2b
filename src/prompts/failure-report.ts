import { boundOutput } from '../hooks/bounded-output.js';
import type { HookResult } from '../hooks/types.js';
import { formatErrorOutput } from './error-output.js';
import { analyzeFailure } from './failure-analysis.js';
import type { NormalizeOptions } from './output-normalizer.js';
import type { FailedAttemptLine, FailureReport } from './types.js';

/** `{{error_output}}`, `{{failure_reason}}` and `{{fix_suggestions}}` for the hooks that failed an attempt. */
export function reportFailure(failed: HookResult[], normalize: NormalizeOptions = {}): FailureReport {
  const analysis = analyzeFailure(failed, normalize);
  return {
    errorOutput: formatErrorOutput(failed, normalize),
    failureReason: analysis.failureReason,
    fixSuggestions: analysis.fixSuggestions,
  };
}

/**
 * How much of a report and of the model's last response state keeps. `formatErrorOutput` already keeps
 * only a head and a tail of each hook; these caps only stop pathological lines (minified code in every
 * line) from growing `state.json` past what a cache restore or a `cat` should carry.
 */
const STORED_BYTES = { errorOutput: 32 * 1024, text: 8 * 1024 } as const;

/** The report as state keeps it: each part bounded the way hook output is (head, tail, a cut count). */
export function boundReport(report: FailureReport): FailureReport {
  return {
    errorOutput: boundOutput(report.errorOutput, { maxBytes: STORED_BYTES.errorOutput }),
    failureReason: boundText(report.failureReason),
    fixSuggestions: boundText(report.fixSuggestions),
  };
}

/** The model's response as state keeps it for `{{previous_response}}`. */
export function boundText(text: string): string {
  return boundOutput(text, { maxBytes: STORED_BYTES.text });
}

/**
 * `{{failure_history}}`: one line per failed attempt, oldest first, once there are two or more (the
 * guide's "Auto-retry with more context"); a single failure is already the whole "Previous Attempt".
 */
export function formatFailureHistory(history: readonly FailedAttemptLine[]): string {
  if (history.length < 2) return '';
  return history.map((h) => `- Attempt ${h.attempt}: ${h.reason}`).join('\n');
}
