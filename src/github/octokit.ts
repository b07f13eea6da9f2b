/**
 * The one GitHub client (STYLE: one Octokit with the retry and throttling plugins, not hand-written
 * loops). `@actions/github` supplies the REST methods, pagination, the API URL of the runner
 * (`GITHUB_API_URL`, read by the library) and proxy support.
 */
import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { GitHubLog } from './github-log.js';
import { silentLog } from './github-log.js';

/** Every function in `src/github` takes this: any `@actions/github` client, with or without plugins. */
export type GitHubClient = InstanceType<typeof GitHub>;

/**
 * Errors that retrying cannot fix. 429 is absent on purpose: the throttling plugin waits for those,
 * as it does for 403s that are secondary rate limits.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 405, 409, 410, 422, 451];

/** Retries of server errors (5xx) and connection failures before giving up. */
const SERVER_ERROR_RETRIES = 3;
/** Retries of a secondary rate limit ("You have exceeded a secondary rate limit"). */
const SECONDARY_LIMIT_RETRIES = 3;
/** A primary rate limit is retried once, and only when it resets this soon (seconds). */
const PRIMARY_LIMIT_MAX_WAIT = 60;

export interface CreateOctokitOptions {
  /** REST API root, e.g. `https://ghe.example.com/api/v3`; default: the runner's `GITHUB_API_URL`. */
  baseUrl?: string;
  /** Receives retry and rate-limit notices. Default: silent. */
  log?: GitHubLog;
  /**
   * Milliseconds per unit of back-off: the retry plugin waits `(n + 1)² × this` before retry n, the
   * throttling plugin waits `retry-after × this`. Default 1000; tests pass 0.
   */
  retryDelayMs?: number;
  /** Spread write requests out as GitHub asks (at most one per second). Default true; tests turn it off. */
  throttle?: boolean;
}

const PlugGitHub = GitHub.plugin(retry, throttling);

/** A GitHub client authenticated with `token`, retrying transient failures and honouring rate limits. */
export function createOctokit(token: string, opts: CreateOctokitOptions = {}): GitHubClient {
  if (token.trim() === '') {
    throw new Error('No GitHub token. Pass `github-token` (default: ${{ github.token }}) to the action.');
  }
  const log = opts.log ?? silentLog;
  const delay = opts.retryDelayMs ?? 1000;
  return new PlugGitHub(
    getOctokitOptions(token, {
      ...(opts.baseUrl === undefined ? {} : { baseUrl: opts.baseUrl }),
      log: octokitLog(log),
      retry: { doNotRetry: DO_NOT_RETRY, retries: SERVER_ERROR_RETRIES, retryAfterBaseValue: delay },
      throttle: throttleOptions(log, delay, opts.throttle ?? true),
    }),
  );
}

interface LimitedRequest {
  method: string;
  url: string;
}

function throttleOptions(log: GitHubLog, delay: number, enabled: boolean) {
  return {
    enabled,
    retryAfterBaseValue: delay,
    onRateLimit: (after: number, req: LimitedRequest, _o: unknown, retryCount: number): boolean => {
      const retrying = retryCount < 1 && after <= PRIMARY_LIMIT_MAX_WAIT;
      log.warning(`GitHub rate limit reached for ${req.method} ${req.url}; ${retryNote(retrying, after)}`);
      return retrying;
    },
    onSecondaryRateLimit: (after: number, req: LimitedRequest, _o: unknown, retryCount: number): boolean => {
      const retrying = retryCount < SECONDARY_LIMIT_RETRIES;
      log.warning(`GitHub secondary rate limit for ${req.method} ${req.url}; ${retryNote(retrying, after)}`);
      return retrying;
    },
  };
}

function retryNote(retrying: boolean, after: number): string {
  return retrying ? `retrying in ${after} s.` : 'giving up.';
}

/** Octokit's logger shape, fed into ours; Octokit's `info` lines are per-request noise, so they go to debug. */
function octokitLog(log: GitHubLog) {
  return {
    debug: (message: string) => log.debug(message),
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warning(message),
    error: (message: string) => log.warning(message),
  };
}
