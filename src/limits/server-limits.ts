/**
 * A gentle slow-down from what the server said about its own limits in the last response's headers
 * (`anthropic-ratelimit-*`, `x-ratelimit-*`). When the server has fewer requests or tokens left than the
 * next call needs, waiting for its reset is cheaper than sending a call it would answer with a 429.
 */
import type { ServerRateLimits } from '../providers/provider.js';
import { formatCount } from './time-format.js';

export interface ServerWait {
  /** The server's reset: when the next call should have room. */
  until: Date;
  /** What the wait is for, for the countdown line. */
  reason: string;
}

function requestsWait(s: ServerRateLimits, now: Date): Date | undefined {
  if (s.requestsRemaining === undefined || s.requestsRemaining >= 1) return undefined;
  return s.requestsReset !== undefined && s.requestsReset > now ? s.requestsReset : undefined;
}

function tokensWait(s: ServerRateLimits, needed: number, now: Date): Date | undefined {
  if (s.tokensRemaining === undefined || s.tokensRemaining >= needed) return undefined;
  // A call larger than the whole server limit will not fit after a reset either; let the server answer.
  if (s.tokensLimit !== undefined && needed > s.tokensLimit) return undefined;
  return s.tokensReset !== undefined && s.tokensReset > now ? s.tokensReset : undefined;
}

/**
 * How long to hold the next call of `needed` tokens, given the server's last word, or `undefined` when
 * it may go now. Resets already past mean the server's numbers are stale and say nothing.
 */
export function serverWait(
  provider: string,
  limits: ServerRateLimits | undefined,
  needed: number,
  now: Date,
): ServerWait | undefined {
  if (limits === undefined) return undefined;
  const requests = requestsWait(limits, now);
  const tokens = tokensWait(limits, needed, now);
  const times = [requests, tokens].filter((t): t is Date => t !== undefined);
  if (times.length === 0) return undefined;
  const until = new Date(Math.max(...times.map((t) => t.getTime())));
  const what =
    tokens !== undefined
      ? `${formatCount(limits.tokensRemaining ?? 0)} tokens left, the next call needs about ${formatCount(needed)}`
      : 'no requests left';
  return { until, reason: `${provider} server limit: ${what}` };
}
