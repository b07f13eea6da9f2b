/**
 * Server-side rate-limit headers → `ServerRateLimits`. Both APIs report what is left of the account's
 * limits on every response; local OpenAI-compatible servers usually send nothing, hence `undefined`.
 */
import type { ServerRateLimits } from './provider.js';

/** The `{limit, remaining, reset}` triple of one family of headers. */
interface LimitTriple {
  limit?: number;
  remaining?: number;
  reset?: Date;
}

/**
 * Anthropic: `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`,
 * resets as RFC 3339 timestamps.
 */
export function parseAnthropicRateLimits(headers: Headers): ServerRateLimits | undefined {
  const triple = (family: string): LimitTriple => {
    const prefix = `anthropic-ratelimit-${family}`;
    return {
      ...numberField('limit', headers.get(`${prefix}-limit`)),
      ...numberField('remaining', headers.get(`${prefix}-remaining`)),
      ...dateField(headers.get(`${prefix}-reset`)),
    };
  };
  const requests = triple('requests');
  const tokens = triple('tokens');
  const input = triple('input-tokens');
  const output = triple('output-tokens');
  return compact({
    ...fromTriples(requests, tokens),
    inputTokensLimit: input.limit,
    inputTokensRemaining: input.remaining,
    inputTokensReset: input.reset,
    outputTokensLimit: output.limit,
    outputTokensRemaining: output.remaining,
    outputTokensReset: output.reset,
  });
}

/**
 * OpenAI: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, resets as durations from now
 * (`6m0s`, `1s`, `20ms`), so `now` turns them into dates.
 */
export function parseOpenAIRateLimits(headers: Headers, now: number): ServerRateLimits | undefined {
  const triple = (family: string): LimitTriple => {
    const resetMs = parseDuration(headers.get(`x-ratelimit-reset-${family}`));
    return {
      ...numberField('limit', headers.get(`x-ratelimit-limit-${family}`)),
      ...numberField('remaining', headers.get(`x-ratelimit-remaining-${family}`)),
      ...(resetMs === undefined ? {} : { reset: new Date(now + resetMs) }),
    };
  };
  return compact(fromTriples(triple('requests'), triple('tokens')));
}

const DURATION_UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Parses Go-style durations as OpenAI sends them: `6m0s`, `1h2m3.5s`, `20ms`, `0.5s`. */
export function parseDuration(text: string | null | undefined): number | undefined {
  const value = text?.trim();
  if (!value || !/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(value)) return undefined;
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}

function numberField(key: 'limit' | 'remaining', text: string | null): Partial<LimitTriple> {
  if (text === null || text.trim() === '') return {};
  const value = Number(text);
  return Number.isFinite(value) ? { [key]: value } : {};
}

function dateField(text: string | null): Partial<LimitTriple> {
  if (!text) return {};
  const time = Date.parse(text);
  return Number.isNaN(time) ? {} : { reset: new Date(time) };
}

/** Every field of `ServerRateLimits`, present or explicitly `undefined`. */
type LooseLimits = { [K in keyof ServerRateLimits]-?: ServerRateLimits[K] | undefined };

function fromTriples(requests: LimitTriple, tokens: LimitTriple): Partial<LooseLimits> {
  return {
    requestsLimit: requests.limit,
    requestsRemaining: requests.remaining,
    requestsReset: requests.reset,
    tokensLimit: tokens.limit,
    tokensRemaining: tokens.remaining,
    tokensReset: tokens.reset,
  };
}

/** Drops absent fields; `undefined` when the server sent no rate-limit header at all. */
function compact(fields: Partial<LooseLimits>): ServerRateLimits | undefined {
  const present = Object.entries(fields).filter(([, value]) => value !== undefined);
  return present.length === 0 ? undefined : (Object.fromEntries(present) as ServerRateLimits);
}
