/**
 * The job log as the Action's pieces see it. Shaped like `@actions/core` so that `core` itself can be
 * passed, and like `src/github`'s `GitHubLog` so that the same object serves both.
 */
import * as core from '@actions/core';

/** Lines for the job log; warnings also become annotations. */
export interface ActionLog {
  /** Detail shown only with step debug logging on. */
  debug(message: string): void;
  /** An ordinary log line. */
  info(message: string): void;
  /** Something went wrong but the step goes on. */
  warning(message: string): void;
}

/** The runner's log. */
export const coreLog: ActionLog = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
};
