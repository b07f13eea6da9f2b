/**
 * Small text formatters shared by the CLI views: numbers, plurals, UTC timestamps and durations, in the
 * shapes the user guide prints them.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `45000` → `45,000`. Fixed to en-US so output does not depend on the machine's locale. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** `plural(1, 'attempt')` → `1 attempt`; `plural(2, 'failure')` → `2 failures`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatNumber(n)} ${n === 1 ? word : pluralWord}`;
}

/**
 * Parses a state timestamp as UTC. The guide's state file writes times without a zone
 * (`2025-11-16T10:00:00`), which `Date.parse` would read as local time.
 */
export function parseUtc(stamp: string): Date {
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(stamp);
  const isDateTime = /^\d{4}-\d\d-\d\dT/.test(stamp);
  return new Date(isDateTime && !hasZone ? `${stamp}Z` : stamp);
}

/** `2025-11-16 10:00:00` in UTC; `unknown` for an invalid date. */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown';
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A wait as the guide writes it: `45s` under a minute, `45m` under an hour, then `2h 5m` (or `3d 4h`).
 * Minutes are rounded to the nearest one, so 44m45s reads `45m`; negative spans read `0s`.
 */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return `${Math.ceil(span / SECOND)}s`;
  const minutes = Math.round(span / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  if (span < DAY) return joinUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'm');
  const hours = Math.round(span / HOUR);
  return joinUnits(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${small}${smallUnit}`;
}

/** `2 minutes ago`, `1 hour ago`, `just now`: how long ago `then` was, in words. */
export function formatAgo(then: Date, now: Date): string {
  const span = now.getTime() - then.getTime();
  if (span < 10 * SECOND) return 'just now';
  if (span < MINUTE) return `${plural(Math.floor(span / SECOND), 'second')} ago`;
  if (span < HOUR) return `${plural(Math.floor(span / MINUTE), 'minute')} ago`;
  if (span < DAY) return `${plural(Math.floor(span / HOUR), 'hour')} ago`;
  return `${plural(Math.floor(span / DAY), 'day')} ago`;
}

/** The first line of a (possibly multi-line) message, cut to `max` characters with an ellipsis. */
export function firstLine(text: string, max = 120): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The first non-empty line of `text` in at most `max` characters, cut at a word (with `…`) rather than
 * in the middle of one; a single word longer than `max` is cut where it must be.
 */
export function firstLineAtWord(text: string, max: number): string {
  const line = firstLine(text, Number.MAX_SAFE_INTEGER);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The ━ rule of the status view and the intervention prompt. */
export const HEAVY_RULE = '━'.repeat(60);
/** The = rule of the debug view. */
export const DOUBLE_RULE = '='.repeat(60);

/** A countdown's remaining time to the second: `45s`, `1m 29s`, `1h 2m 5s`. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  if (h > 0) return `${h}h ${m}m ${s}s`;
  return m > 0 ? `${m}m ${s}s` : `${s}s`;
}
