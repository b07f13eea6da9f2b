/**
 * Typed errors shared by every layer. Lower layers throw these; each door (CLI, Action) has one
 * top-level catch that turns them into a message and an exit code after redacting secrets.
 */

/** One problem found while validating a configuration or task file. */
export interface ConfigProblem {
  /** File the problem is in (as given by the user, relative when possible). */
  file: string;
  /** 1-based line, when the problem points at a place in the file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** Dotted path of the key, e.g. `hooks.test.timeout`. */
  path?: string;
  /** What is wrong: what was found and what was expected. */
  message: string;
  /** How to fix it, e.g. a "did you mean" suggestion. */
  fix?: string;
}

/** A configuration or task file is invalid. Carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[], options?: ErrorOptions) {
    super(formatProblems(problems), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const key = p.path ? ` ${p.path}:` : '';
  return `${where}:${key} ${p.message}${p.fix ? `\n    fix: ${p.fix}` : ''}`;
}

function formatProblems(problems: ConfigProblem[]): string {
  const n = problems.length;
  return `${n} problem${n === 1 ? '' : 's'} found:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
}

/** Bad command-line usage (unknown flag, missing argument, nothing to resume). Exit code 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

export type StateErrorKind = 'corrupt' | 'invalid' | 'locked' | 'missing' | 'io';

/** The state file cannot be used as it is. Exit code 2; the file is left untouched. */
export class StateError extends Error {
  readonly kind: StateErrorKind;
  readonly file: string;
  constructor(kind: StateErrorKind, file: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateError';
    this.kind = kind;
    this.file = file;
  }
}

export type ProviderErrorKind =
  | 'rate-limit' // 429 with a retry hint: retryable
  | 'overloaded' // 5xx, 408, 409: retryable
  | 'connection' // network failure or timeout: retryable
  | 'auth' // 401, 403
  | 'bad-request' // 400, 404, 422
  | 'quota' // exhausted quota, spend limit: never retried
  | 'invalid-response'; // the API answered with something we cannot use

/** A model API call failed. `retryable` errors are retried by the API retry layer (§8.2). */
export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Server-suggested wait before the next try (from `retry-after` / `retry-after-ms`). */
  readonly retryAfterMs: number | undefined;
  constructor(
    init: {
      provider: string;
      kind: ProviderErrorKind;
      message: string;
      status?: number | undefined;
      retryAfterMs?: number | undefined;
    },
    options?: ErrorOptions,
  ) {
    super(init.message, options);
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.kind === 'rate-limit' || init.kind === 'overloaded' || init.kind === 'connection';
  }
}

export type PauseReason = 'rate-limit' | 'budget' | 'api-retries' | 'intervention';

/**
 * The run must stop now and continue later (`taskmaster resume`). Thrown from deep inside an attempt
 * (rate limiter, budget, API retries); the engine saves state and the door exits with code 3.
 */
export class RunPaused extends Error {
  readonly reason: PauseReason;
  /** When it is safe to resume, if known. */
  readonly until: Date | undefined;
  /** The full message to show the user (usage, next reset, what to run). */
  readonly details: string;
  constructor(reason: PauseReason, message: string, init: { until?: Date; details?: string } = {}) {
    super(message);
    this.name = 'RunPaused';
    this.reason = reason;
    this.until = init.until;
    this.details = init.details ?? message;
  }
}

/** The run was interrupted by a signal (Ctrl+C, runner cancellation). Exit code 130. */
export class RunInterrupted extends Error {
  constructor(message = 'Interrupted') {
    super(message);
    this.name = 'RunInterrupted';
  }
}
