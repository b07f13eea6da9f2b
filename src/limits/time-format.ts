/**
 * How times and waits read in messages, status and debug views. Everything is UTC: windows are UTC, and
 * a CI log read from another time zone must still agree with `state.json`.
 */

export interface DurationStyle {
  /** `45s`, `15m`, `2h 5m` (the debug view) instead of `45s`, `15 minutes`, `2 hours 5 minutes`. */
  short?: boolean;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A wait as a person reads it. Rounded up, never down: "resume in 15 minutes" must not be too early.
 * Under a minute in seconds; under an hour in minutes; then hours and minutes.
 */
export function formatDuration(ms: number, style: DurationStyle = {}): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return style.short ? `${minutes}m` : plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (style.short) return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

/** `2025-11-16 15:30:00 UTC`, the guide's "Next reset" format. */
export function formatUtc(time: Date): string {
  return `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Thousands separators, fixed to `en-US` so output does not depend on the machine's locale. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
