/**
 * The RATE LIMIT USAGE part of `taskmaster debug`: each provider's usage against every configured limit
 * in the current clock-aligned window (minute, hour, UTC day), and when the windows reset.
 */
import type { RateLimits } from '../config/types.js';
import type { WindowUsage } from '../state/run-state.js';
import { formatDuration, formatNumber, formatTimestamp, parseUtc } from './format.js';

type Window = 'minute' | 'hour' | 'day';
type Measure = 'requests' | 'tokens';

const WINDOWS: readonly Window[] = ['minute', 'hour', 'day'];
const MEASURES: readonly Measure[] = ['requests', 'tokens'];
const WINDOW_MS: Record<Window, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const LABEL: Record<Window, string> = { minute: 'Minute', hour: 'Hour', day: 'Day' };

/** Start of the clock-aligned window holding `now` (UTC, so a day starts at 00:00:00Z). */
export function windowStart(now: Date, window: Window): Date {
  const size = WINDOW_MS[window];
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** Lines of the section body (after its heading). */
export function rateLimitLines(
  limits: Readonly<Record<string, RateLimits>>,
  usage: Readonly<Record<string, WindowUsage>>,
  now: Date,
): string[] {
  const providers = Object.keys(limits).sort();
  if (providers.length === 0) return ['No providers configured.'];
  const lines = providers.flatMap((name) => providerLines(name, limits[name] ?? {}, usage[name], now));
  const resets = resetLines(limits, usage, now);
  return resets.length > 0 ? [...lines, '', 'Next reset:', ...resets] : lines;
}

function providerLines(
  name: string,
  limits: RateLimits,
  usage: WindowUsage | undefined,
  now: Date,
): string[] {
  const lines = [`Provider: ${name}`];
  for (const measure of MEASURES) {
    for (const window of WINDOWS) {
      const limit = limitOf(limits, measure, window);
      if (limit === undefined) continue;
      const used = currentUsage(usage, measure, window, now);
      const label = `${measure === 'requests' ? 'Requests' : 'Tokens'} (current ${window})`;
      lines.push(`  ${label}: ${formatNumber(used)} / ${formatNumber(limit)}`);
    }
  }
  if (lines.length === 1) lines.push('  No rate limits configured');
  return lines;
}

function limitOf(limits: RateLimits, measure: Measure, window: Window): number | undefined {
  return limits[`max_${measure}_${window}`];
}

/**
 * Usage recorded for any window but the current one counts as 0: a past window is gone, and a start in
 * the future (a state saved by a machine whose clock was ahead) is reset by the runner too.
 */
function currentUsage(usage: WindowUsage | undefined, measure: Measure, window: Window, now: Date): number {
  if (!usage) return 0;
  const start = parseUtc(usage[`window_start_${window}`]);
  if (Number.isNaN(start.getTime())) return 0;
  if (windowStart(start, window).getTime() !== windowStart(now, window).getTime()) return 0;
  return usage[`${measure}_${window}`];
}

/**
 * Reset times of the windows some provider limits. The day window is listed only when a day limit is
 * what blocks (reached) or is the only window: otherwise its reset is hours away and beside the point,
 * which is why the guide's example lists only Minute and Hour.
 */
function resetLines(
  limits: Readonly<Record<string, RateLimits>>,
  usage: Readonly<Record<string, WindowUsage>>,
  now: Date,
): string[] {
  const all = Object.values(limits);
  const limited = WINDOWS.filter((w) =>
    all.some((l) => MEASURES.some((m) => limitOf(l, m, w) !== undefined)),
  );
  const shown = limited.filter(
    (w) => w !== 'day' || limited.length === 1 || dayLimitReached(limits, usage, now),
  );
  return shown.map((window) => {
    const reset = new Date(windowStart(now, window).getTime() + WINDOW_MS[window]);
    const wait = formatDuration(reset.getTime() - now.getTime());
    return `  ${LABEL[window]}: ${formatTimestamp(reset)} (in ${wait})`;
  });
}

function dayLimitReached(
  limits: Readonly<Record<string, RateLimits>>,
  usage: Readonly<Record<string, WindowUsage>>,
  now: Date,
): boolean {
  return Object.entries(limits).some(([name, l]) =>
    MEASURES.some((m) => {
      const limit = limitOf(l, m, 'day');
      return limit !== undefined && currentUsage(usage[name], m, 'day', now) >= limit;
    }),
  );
}
