/**
 * The server's suggested wait before retrying, as both APIs send it: `retry-after-ms` (milliseconds,
 * OpenAI), else `retry-after` as seconds or as an HTTP-date.
 */

/**
 * The longest wait a hint may ask for. No API limit window is longer than a day, so a larger value is a
 * server or proxy bug; taken literally it would pause the run "forever" (or past the last date a
 * `Date` can hold, which used to crash the run). The run pauses for a day instead; see
 * docs/providers.md.
 */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Milliseconds to wait, or `undefined` when the response gave no usable hint. */
export function parseRetryAfter(headers: Headers | undefined, now: number): number | undefined {
  const ms = rawRetryAfter(headers, now);
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

function rawRetryAfter(headers: Headers | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = parseNonNegative(headers.get('retry-after-ms'));
  if (ms !== undefined) return Math.ceil(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  // `Date.parse` takes "-3" for a year; an HTTP-date always names its weekday or month.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  // An HTTP-date already in the past means "now", not "never".
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Digits only, so "-3", "1e3" and "Infinity" are no hint; a string of 400 digits is (clamped) Infinity. */
function parseNonNegative(text: string | null): number | undefined {
  if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
