/**
 * Where the GitHub code reports what it did. The names match `@actions/core` (`debug`, `info`,
 * `warning`), so the Action can pass `core` itself; tests pass a recorder.
 */
export interface GitHubLog {
  /** Detail worth having only when debugging (request retries, pagination). */
  debug(message: string): void;
  /** What happened, for the job log. */
  info(message: string): void;
  /** Something went wrong but the step carries on (a reaction that could not be added). */
  warning(message: string): void;
}

/** A log that drops everything. */
export const silentLog: GitHubLog = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
};
