/**
 * The rate-limit arithmetic of §8.1 as pure functions: may a call go now, and how usage changes when it
 * does. Waiting, pausing and messages live in `limits-guard.ts`.
 */
import type { RateLimits } from '../config/types.js';
import type { WindowUsage } from '../state/run-state.js';
import {
  WINDOW_FIELDS,
  WINDOW_KINDS,
  nextReset,
  rollWindows,
  windowStarts,
  type WindowKind,
  type WindowStarts,
} from './windows.js';

export type LimitMetric = 'requests' | 'tokens';

/** One configured limit, e.g. `max_tokens_hour: 100000`. */
export interface ConfiguredLimit {
  /** Which window the limit counts in. */
  window: WindowKind;
  /** Whether it counts calls or tokens. */
  metric: LimitMetric;
  /** The `rate_limits` key, e.g. `max_tokens_hour`. */
  key: keyof RateLimits;
  /** The configured maximum per window. */
  limit: number;
}

/** A limit the next call would break. */
export interface ExceededLimit {
  /** The window that has no room. */
  window: WindowKind;
  /** Calls or tokens. */
  metric: LimitMetric;
  /** Counted in the current window so far. */
  used: number;
  /** The configured maximum. */
  limit: number;
  /** What the call would add: 1 request, or its estimated tokens. */
  needed: number;
  /** The call alone is over the limit: no reset can make room, only a higher limit (or smaller call). */
  neverFits: boolean;
  /** When this window resets. */
  reset: Date;
}

export type LimitDecision =
  | { kind: 'ok' }
  | {
      kind: 'blocked';
      /** The latest reset among the exceeded windows: the earliest time every one of them has room. */
      until: Date;
      exceeded: ExceededLimit[];
    };

/** A call as it was counted, so that its estimate can later be replaced by its actual usage. */
export interface RecordedCall {
  /** Tokens counted for it (the estimate). */
  tokens: number;
  /** Window starts at the time it was counted. */
  countedIn: WindowStarts;
}

/** Every limit set in `rate_limits`, requests before tokens, shortest window first (the guide's order). */
export function configuredLimits(limits: RateLimits): ConfiguredLimit[] {
  const found: ConfiguredLimit[] = [];
  for (const metric of ['requests', 'tokens'] as const) {
    for (const window of WINDOW_KINDS) {
      const key = `max_${metric}_${window}` as const;
      const limit = limits[key];
      if (limit !== undefined) found.push({ window, metric, key, limit });
    }
  }
  return found;
}

/**
 * Whether a call estimated at `estimateTokens` may go at `now`: blocked when, for any configured window,
 * used + 1 request > max_requests_* or used + estimate > max_tokens_*.
 */
export function checkLimits(
  limits: RateLimits,
  usage: WindowUsage | undefined,
  estimateTokens: number,
  now: Date,
): LimitDecision {
  const current = rollWindows(usage, now);
  const exceeded: ExceededLimit[] = [];
  for (const { window, metric, limit } of configuredLimits(limits)) {
    const used = current[WINDOW_FIELDS[window][metric]];
    const needed = metric === 'requests' ? 1 : estimateTokens;
    if (used + needed <= limit) continue;
    exceeded.push({
      window,
      metric,
      used,
      limit,
      needed,
      neverFits: needed > limit,
      reset: nextReset(window, current, now),
    });
  }
  if (exceeded.length === 0) return { kind: 'ok' };
  const until = new Date(Math.max(...exceeded.map((e) => e.reset.getTime())));
  return { kind: 'blocked', until, exceeded };
}

/** Counts one call of `tokens` in every window. `usage` must already be rolled to the current time. */
export function recordCall(usage: WindowUsage, tokens: number): WindowUsage {
  const next: WindowUsage = { ...usage };
  for (const kind of WINDOW_KINDS) {
    next[WINDOW_FIELDS[kind].requests] += 1;
    next[WINDOW_FIELDS[kind].tokens] += tokens;
  }
  return next;
}

/** What `correctCall` needs to know about a call counted in `usage` (already rolled) with `tokens`. */
export function recordedCall(usage: WindowUsage, tokens: number): RecordedCall {
  return { tokens, countedIn: windowStarts(usage) };
}

/**
 * Replaces a call's estimate by its actual usage in the windows it was counted in. A window that has
 * rolled over since is left alone: the estimate went with the old window, and the new one never held it.
 * `usage` must already be rolled to the current time.
 */
export function correctCall(usage: WindowUsage, estimated: RecordedCall, actual: number): WindowUsage {
  const next: WindowUsage = { ...usage };
  for (const kind of WINDOW_KINDS) {
    const fields = WINDOW_FIELDS[kind];
    if (next[fields.start] !== estimated.countedIn[kind]) continue;
    next[fields.tokens] = Math.max(0, next[fields.tokens] - estimated.tokens + actual);
  }
  return next;
}
