/**
 * The bytes of `state.json`: how a `RunState` is written and how text is read back. Pure functions, so
 * the store only deals with files and the message wording lives in one place.
 */
import type { z } from 'zod';
import { STATE_VERSION, stateSchema, type RunState } from './run-state.js';

/** The guide's state fields, in the guide's order; the schema's other fields follow in schema order. */
const GUIDE_ORDER = [
  'task_file',
  'completed_task_ids',
  'current_task_index',
  'created_at',
  'updated_at',
  'failure_counts',
  'attempt_counts',
  'non_progress_counts',
  'user_interventions',
  'last_errors',
  'rate_limit_usage',
] as const;

/** Issues named in a message; the rest are counted. */
const MAX_ISSUES_SHOWN = 3;

/** What reading a state file's text found. */
export type ParsedState =
  | { kind: 'ok'; state: RunState }
  /** Not JSON at all (includes an empty file). */
  | { kind: 'not-json'; error: Error }
  /** JSON, but not a valid state; `problem` names the field paths. */
  | { kind: 'invalid'; problem: string }
  /** Written by a TaskMaster whose state format this one does not know. */
  | { kind: 'newer'; version: number };

/**
 * Pretty JSON (2 spaces, trailing newline) in a stable key order. Validates first: writing a state
 * that could not be loaded again would turn a bug into a stuck run. Throws the zod error.
 */
export function serializeState(state: RunState): string {
  const parsed = stateSchema.parse(state);
  const ordered: Record<string, unknown> = {};
  for (const key of GUIDE_ORDER) ordered[key] = parsed[key];
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in ordered)) ordered[key] = value;
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export function parseStateText(text: string): ParsedState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'not-json', error: error as Error };
  }
  const version = versionOf(data);
  if (version !== undefined && version > STATE_VERSION) return { kind: 'newer', version };
  const result = stateSchema.safeParse(data);
  if (result.success) return { kind: 'ok', state: result.data };
  return { kind: 'invalid', problem: describeIssues(result.error.issues, data) };
}

function versionOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null || !('version' in data)) return undefined;
  return typeof data.version === 'number' ? data.version : undefined;
}

/** `field "failure_counts.task-3": too small: expected number to be >=0; missing field "status"`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => describeIssue(issue, data));
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.path.length === 0) return `top level: ${lowerFirst(issue.message)}`;
  const field = formatPath(issue.path);
  if (valueAt(data, issue.path) === undefined) {
    return `missing field "${field}"${issue.code === 'invalid_type' ? ` (expected ${issue.expected})` : ''}`;
  }
  return `field "${field}": ${lowerFirst(issue.message)}`;
}

/** `token_usage.by_task.task-1.attempts[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
