/**
 * The words a person sees when a rate limit stops the run: the guide's "⚠ Rate limit reached!" block,
 * and the message for a call that no window reset can ever make room for.
 */
import type { RateLimits } from '../config/types.js';
import type { WindowUsage } from '../state/run-state.js';
import { configuredLimits, type ExceededLimit, type LimitMetric } from './rate-limiter.js';
import { formatCount, formatDuration, formatUtc } from './time-format.js';
import { WINDOW_FIELDS, rollWindows, type WindowKind } from './windows.js';

export { formatDuration, formatUtc, formatCount } from './time-format.js';

const WINDOW_WORDS: Record<WindowKind, string> = { minute: 'this minute', hour: 'this hour', day: 'today' };
const METRIC_WORDS: Record<LimitMetric, string> = { requests: 'Requests', tokens: 'Tokens' };

/** `Requests this minute`, `Tokens this hour`, `Tokens today`. */
export function limitLabel(metric: LimitMetric, window: WindowKind): string {
  return `${METRIC_WORDS[metric]} ${WINDOW_WORDS[window]}`;
}

/** `  - Tokens this hour: 100,000/100,000` for every configured limit, in the guide's order. */
export function usageLines(limits: RateLimits, usage: WindowUsage | undefined, now: Date): string[] {
  const current = rollWindows(usage, now);
  return configuredLimits(limits).map(({ window, metric, limit }) => {
    const used = current[WINDOW_FIELDS[window][metric]];
    return `  - ${limitLabel(metric, window)}: ${formatCount(used)}/${formatCount(limit)}`;
  });
}

export interface RateLimitMessageInput {
  /** The provider's configured limits: each one is listed. */
  limits: RateLimits;
  /** The provider's `rate_limit_usage` entry (rolled to `now` here). */
  usage: WindowUsage | undefined;
  /** When it is safe to resume (the latest reset among the exceeded windows). */
  until: Date;
  /** The time of the check, for "(in 15 minutes)". */
  now: Date;
}

/** The guide's pause message, exactly in its shape. */
export function formatRateLimitMessage({ limits, usage, until, now }: RateLimitMessageInput): string {
  return [
    '⚠ Rate limit reached!',
    '',
    'Current usage:',
    ...usageLines(limits, usage, now),
    '',
    `Next reset: ${formatUtc(until)} (in ${formatDuration(until.getTime() - now.getTime())})`,
    '',
    'Safe to resume after reset. Run:',
    '  taskmaster resume',
  ].join('\n');
}

/**
 * What an in-process wait is for, e.g. `claude: Requests this minute 10/10`. The doors show the time left
 * themselves (a live countdown), so the reason does not repeat it.
 */
export function waitReason(provider: string, exceeded: readonly ExceededLimit[]): string {
  const parts = exceeded.map(
    (e) => `${limitLabel(e.metric, e.window)} ${formatCount(e.used)}/${formatCount(e.limit)}`,
  );
  return `${provider}: ${parts.join(', ')}`;
}

export interface NeverFitsInput {
  /** Key in `provider_configs`. */
  provider: string;
  /** The task whose call does not fit. */
  taskId: string;
  /** The limit the call alone is larger than. */
  limit: ExceededLimit;
}

/** A single call is larger than a token limit (or a request limit is 0): waiting cannot help. */
export function formatNeverFitsMessage({ provider, taskId, limit }: NeverFitsInput): string {
  const key = `provider_configs.${provider}.rate_limits.max_${limit.metric}_${limit.window}`;
  const what =
    limit.metric === 'tokens'
      ? `One model call for task ${taskId} needs about ${formatCount(limit.needed)} tokens, but ${key} is ${formatCount(limit.limit)}.`
      : `${key} is ${formatCount(limit.limit)}: no model call can ever be made.`;
  const fix =
    limit.metric === 'tokens'
      ? `Raise ${key} above ${formatCount(limit.needed)}, or lower provider_configs.${provider}.max_tokens, or split the task into smaller ones.`
      : `Raise ${key} to at least 1.`;
  return [
    '⚠ Rate limit can never be met!',
    '',
    what,
    'No window reset can make room for it.',
    '',
    `${fix} Then run:`,
    '  taskmaster resume',
  ].join('\n');
}
