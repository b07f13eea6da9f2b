/**
 * Clock-aligned usage windows (§8.1, the guide's `rate_limit_usage`): the minute starts at :00 seconds,
 * the hour at :00 minutes, the day at 00:00 UTC. Aligned windows are what the guide shows in
 * `state.json` and what a person can reason about ("the hour resets at 11:00"), and they survive a
 * restart: the state holds only counts and starts, never a list of past calls.
 */
import type { WindowUsage } from '../state/run-state.js';

export type WindowKind = 'minute' | 'hour' | 'day';

export const WINDOW_KINDS: readonly WindowKind[] = ['minute', 'hour', 'day'];

/** Length of each window. A UTC day is always 86,400,000 ms in JavaScript time (no leap seconds). */
export const WINDOW_MS: Readonly<Record<WindowKind, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** The `state.json` field names of one window. */
export const WINDOW_FIELDS = {
  minute: { requests: 'requests_minute', tokens: 'tokens_minute', start: 'window_start_minute' },
  hour: { requests: 'requests_hour', tokens: 'tokens_hour', start: 'window_start_hour' },
  day: { requests: 'requests_day', tokens: 'tokens_day', start: 'window_start_day' },
} as const satisfies Record<
  WindowKind,
  { requests: keyof WindowUsage; tokens: keyof WindowUsage; start: keyof WindowUsage }
>;

/** Start of the window of `kind` that contains `now`. Epoch time is UTC-aligned, so flooring is enough. */
export function windowStart(kind: WindowKind, now: Date): Date {
  const size = WINDOW_MS[kind];
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** A window start as written to `state.json`: the guide's shape, with an explicit UTC `Z`. */
export function formatWindowStart(start: Date): string {
  return `${start.toISOString().slice(0, 19)}Z`;
}

/**
 * Reads a window start from `state.json`. The guide's example has no zone designator
 * (`2025-11-16T10:15:00`); windows are UTC, so such a value is read as UTC, never as local time.
 * Returns `NaN` for anything unreadable.
 */
export function parseWindowStart(value: string): number {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const isoLike = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
  return isoLike ? Date.parse(hasZone ? value : `${value}Z`) : Number.NaN;
}

/** Usage with every window empty and starting at the windows that contain `now`. */
export function emptyUsage(now: Date): WindowUsage {
  return {
    requests_minute: 0,
    requests_hour: 0,
    requests_day: 0,
    tokens_minute: 0,
    tokens_hour: 0,
    tokens_day: 0,
    window_start_minute: formatWindowStart(windowStart('minute', now)),
    window_start_hour: formatWindowStart(windowStart('hour', now)),
    window_start_day: formatWindowStart(windowStart('day', now)),
  };
}

/**
 * Usage as it stands at `now`: a window whose start is not inside the window containing `now` is reset
 * (counts 0, start = the current aligned start). That covers expired windows and also starts in the
 * future (clock skew between machines, a cache restored from a machine that was ahead): trusting those
 * would block the run until that machine's clock came round, possibly forever. Returns a new object.
 */
export function rollWindows(usage: WindowUsage | undefined, now: Date): WindowUsage {
  if (usage === undefined) return emptyUsage(now);
  const rolled: WindowUsage = { ...usage };
  for (const kind of WINDOW_KINDS) {
    const fields = WINDOW_FIELDS[kind];
    const current = windowStart(kind, now);
    const start = parseWindowStart(usage[fields.start]);
    const sameWindow =
      Number.isFinite(start) && windowStart(kind, new Date(start)).getTime() === current.getTime();
    rolled[fields.start] = formatWindowStart(current);
    if (!sameWindow) {
      rolled[fields.requests] = 0;
      rolled[fields.tokens] = 0;
    }
  }
  return rolled;
}

/** When the current window of `kind` resets (the start of the next one), as seen at `now`. */
export function nextReset(kind: WindowKind, usage: WindowUsage | undefined, now: Date): Date {
  const rolled = rollWindows(usage, now);
  return new Date(parseWindowStart(rolled[WINDOW_FIELDS[kind].start]) + WINDOW_MS[kind]);
}

/** The start of each window, to remember which windows a call was counted in. */
export type WindowStarts = Readonly<Record<WindowKind, string>>;

export function windowStarts(usage: WindowUsage): WindowStarts {
  return {
    minute: usage.window_start_minute,
    hour: usage.window_start_hour,
    day: usage.window_start_day,
  };
}
