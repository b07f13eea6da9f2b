/**
 * The console lines for API retries, as the user guide shows them:
 *
 *     ⚠ API rate limit error (HTTP 429)
 *     Retry-After: 60 seconds
 *
 *     Attempt 1/5: Waiting 2 seconds...
 */
import type { ProviderError } from '../errors.js';
import type { ApiRetryEvent } from './api-retry.js';

/**
 * One retry as text. The heading (error and `Retry-After`) comes with the first retry of a call, or
 * whenever `heading` says so; later retries print only their `Attempt n/m` line.
 */
export function formatApiRetry(event: ApiRetryEvent, opts: { heading?: boolean } = {}): string {
  const line = formatRetryWait(event);
  return (opts.heading ?? event.tryNumber === 1) ? `${formatApiErrorHeading(event.error)}\n\n${line}` : line;
}

/** `⚠ API rate limit error (HTTP 429)`, plus `Retry-After: 60 seconds` when the server sent one. */
export function formatApiErrorHeading(error: ProviderError): string {
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const heading = `⚠ API ${errorLabel(error)}${status}`;
  return error.retryAfterMs === undefined
    ? heading
    : `${heading}\nRetry-After: ${seconds(error.retryAfterMs)}`;
}

/** `Attempt 1/5: Waiting 2 seconds...` */
export function formatRetryWait(event: Pick<ApiRetryEvent, 'tryNumber' | 'maxTries' | 'waitMs'>): string {
  return `Attempt ${event.tryNumber}/${event.maxTries}: Waiting ${seconds(event.waitMs)}...`;
}

function errorLabel(error: ProviderError): string {
  switch (error.kind) {
    case 'rate-limit':
      return 'rate limit error';
    case 'overloaded':
      return error.status === 529 || error.status === 503 ? 'overloaded error' : 'server error';
    case 'connection':
      return 'connection error';
    default:
      return 'error';
  }
}

/** Whole seconds as the guide prints them; sub-second waits keep one decimal so they never read "0". */
function seconds(ms: number): string {
  const value =
    ms >= 1000 || ms <= 0 ? Math.round(Math.max(0, ms) / 1000) : Math.max(0.1, Math.round(ms / 100) / 10);
  return `${value} second${value === 1 ? '' : 's'}`;
}
